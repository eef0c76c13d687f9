import { z } from 'zod';

/*
 * Why something happened, as data: main says which reason and with what (a picklist number, a
 * product's name, Picqer's own pause reason), the renderer words it in the station's language from
 * `reason.<code>` in the catalogue. Main never writes a sentence for the screen.
 */

export const reasonCodes = [
  // Opening a picklist
  'picklist.paused',
  'picklist.pausedBecause',
  'picklist.cancelled',
  'picklist.snoozed',
  'picklist.snoozedUntil',
  'picklist.closed',
  'picklist.closedShipmentCancelled',
  'picklist.otherWarehouse',
  'order.paused',
  'order.pausedBecause',
  'order.cancelled',
  'picklist.beingCompleted',
  'picklist.goneFromPicqer',
  'picklist.notInCache',
  'picklist.assignedTo',
  'picklist.choose',
  'picklist.alreadyPacked',
  'picklist.alreadyPackedFailed',
  'picklist.alreadyPackedFailedBecause',
  // Scans
  'scan.empty',
  'scan.tooLong',
  'scan.unreadable',
  'scan.controlCharacter',
  'scan.partial',
  'scan.unknownBarcode',
  'scan.wrongItem',
  'scan.wrongItemInactive',
  'scan.setScanned',
  'scan.ambiguous',
  'scan.lineComplete',
  'scan.tooMany',
  'scan.shortDated',
  'scan.shortDatedTag',
  'scan.shortDatedWebshop',
  'scan.serialNeeded',
  'scan.serialTaken',
  'scan.productWithoutPicklist',
  'scan.inactiveProductWithoutPicklist',
  'scan.quantityWithoutPicklist',
  'scan.signInFirst',
  'scan.noScanWaiting',
  'scan.notAChoice',
  // Pack commands
  'pack.noneOpen',
  'pack.nothingToUndo',
  'pack.notPackedAnyMore',
  'pack.signInToComplete',
  'pack.signInToConfirm',
  'pack.takeOverFirst',
  'pack.notComplete',
  'pack.chooseShippingMethod',
  'pack.fillExtraField',
  'pack.lineNotOnPicklist',
  'pack.confirmSetParts',
  'pack.lineHasBarcode',
  'pack.profileNotOffered',
  'pack.packagingUnknown',
  'pack.noSuchBox',
  'pack.boxNotEmpty',
  'pack.tooManyBoxes',
  'pack.boxStarted',
  'pack.problemReported',
  'pack.weightOff',
  'pack.weightNotOff',
  'parcel.stopped',
  'parcel.paused',
  'parcel.pausedBecause',
  'parcel.cancelled',
  'parcel.closed',
  'parcel.snoozed',
  'parcel.orderCancelled',
  'parcel.orderPaused',
  'parcel.orderPausedBecause',
  'parcel.linesChanged',
  'parcel.assignedTo',
  'parcel.shipmentStands',
  'parcel.boxesUnknown',
  'parcel.noShippingMethod',
  'parcel.lineGone',
  'parcel.notAllPicked',
  'parcel.pickRefused',
  'parcel.shipRefused',
  'parcel.documentsFailed',
  // Batches
  'batch.noneOpen',
  'batch.notInBatch',
  'batch.allPacked',
  'batch.ambiguous',
  'batch.completed',
  'batch.otherWarehouse',
  'batch.notReadYet',
  'batch.nothingToUndo',
  'batch.picklistNotInBatch',
  'batch.completesItself',
  'batch.oneBoxEach',
  'batch.undoHandedOver',
  'batch.serialTaken',
  // History, the outbox, printing
  'history.noShipment',
  'history.signInToCancel',
  'history.offlineCancel',
  'history.stillShipping',
  'history.cancelWindowPassed',
  'history.labelNotFetched',
  'history.slipNotFetched',
  'history.noLabelPdf',
  'history.noSlipPdf',
  'history.noLots',
  'history.lotsOrderUnknown',
  'history.lotsOrderAmbiguous',
  'outbox.noLongerSetAside',
  'outbox.packedAgain',
  'outbox.shipmentCancelled',
  'print.jobNotFound',
  'print.jobNotFailed',
  'print.noPrinter',
  'print.noProductLabelPrinter',
  'print.noPrinterSet',
  'print.stoppedWhilePrinting',
  'print.documentMissing',
  'print.mayHavePrinted',
  'print.driverNotOnThisSystem',
  'print.noPackingStations',
  // What printers and devices say, in Packdesk's words (Settings' health, failed jobs, the Devices screen)
  'printer.noCupsQueue',
  'printer.cupsNotRunning',
  'printer.folderNotWritable',
  'printer.noAnswerInTime',
  'printer.headOpen',
  'printer.labelsOut',
  'printer.ribbonOut',
  'printer.pausedOnPrinter',
  'printer.bufferFull',
  'printer.acceptsConnections',
  'printer.noStatusAnswer',
  'printer.connectTimeout',
  'printer.unreachable',
  'printer.noWindowsPrinter',
  'printer.windowsUseOffline',
  'printer.paperOut',
  'printer.offline',
  'print.cupsQueueDisabled',
  'print.cupsQueueOffline',
  'print.cupsJobAborted',
  'print.cupsJobCancelled',
  'print.cupsStoppedQueue',
  'print.cupsMissing',
  'print.cupsRefused',
  'print.rawNoAnswer',
  'print.rawStoppedAnswering',
  'print.rawConnectionBroke',
  'print.rawConnectionBrokeMidJob',
  'print.powershellMissing',
  'print.windowsCannotOpen',
  'print.windowsRefused',
  'print.powershellFailed',
  'print.powershellExited',
  'print.powershellTookTooLong',
  'print.windowsUnfinished',
  'print.windowsUnfinishedExited',
  'print.windowsUnfinishedTookTooLong',
  'print.sumatraMissing',
  'print.sumatraFailed',
  'print.sumatraTookTooLong',
  'print.windowsCouldNotPrint',
  'device.hidUnavailable',
  'device.cannotOpen',
  'device.cannotOpenUdev',
  'device.cannotOpenDialout',
  'device.serialUnavailable',
  // The station
  'station.endPracticeFirst',
  'station.connectFirst',
  'station.chooseWarehouseFirst',
  'station.practiceNotOn',
  'station.noActiveUsers',
  'station.userNotActive',
  'station.userNotFound',
  'station.warehouseNotFound',
  'station.packingStationNotFound',
  'station.apiKeyRefused',
  'station.productNotCached',
  // Shift lead and badges
  'lead.required',
  'lead.wrongPin',
  'lead.lockout',
  'lead.notListed',
  'lead.noPin',
  'badge.invalid',
] as const;

export type ReasonCode = (typeof reasonCodes)[number];
export type ReasonParams = Readonly<Record<string, string | number>>;

export interface Reason {
  code: ReasonCode;
  params: ReasonParams;
}

export const reasonSchema = z.object({
  code: z.enum(reasonCodes),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export function reason(code: ReasonCode, params: ReasonParams = {}): Reason {
  return { code, params };
}

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && (reasonCodes as readonly string[]).includes(value);
}

/**
 * Words from outside Packdesk (a driver's error, CUPS's reason, an errno) as a reason's `aside`
 * parameter: in brackets after the sentence, or nothing. They are shown as they came.
 */
export function aside(text: string | null | undefined): string {
  const said = text?.trim();
  return said ? ` (${said})` : '';
}
