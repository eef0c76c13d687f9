import type { ShippingExtraField } from '../../../shared/packing';
import type { PackSessionRecord, StoredProfile } from '../db/queries/pack-sessions';
import { defaultShippingMethod } from '../picqer/client';
import type { PicqerShippingMethod } from '../picqer/types';

/*
 * The shipping method on a session and what it asks for (issue 13). Picqer refuses a shipment
 * whose method misses a required extra field only when the label is requested, after the packer
 * has moved on; the pack screen asks for it instead, and completing waits until it is filled.
 */

export interface ProfileChoice {
  list: StoredProfile[];
  /** The profile to ship with unless the packer picks another; null when the packer must choose. */
  selected: number | null;
  /** The list is what Picqer allows for this picklist, not every cached profile. */
  isFromPicqer: boolean;
}

/** Picqer's allowed methods for a picklist as the session keeps them, with the one to preselect. */
export function choiceFromMethods(methods: PicqerShippingMethod[], ownProfile: number | null): ProfileChoice {
  return {
    list: methods.map((m) => ({ idshippingprovider_profile: m.idshippingprovider_profile, name: m.name, isSelected: m.selected, extraFields: m.extra_fields })),
    selected: defaultShippingMethod(methods, ownProfile)?.idshippingprovider_profile ?? null,
    isFromPicqer: true,
  };
}

export function chosenProfile(record: PackSessionRecord): StoredProfile | null {
  return record.profiles.find((p) => p.idshippingprovider_profile === record.idshippingproviderProfile) ?? null;
}

/** The chosen method's extra fields as they are sent: the packer's value, else the method's default; empty ones left out. */
export function extraFieldValues(record: PackSessionRecord): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of chosenProfile(record)?.extraFields ?? []) {
    const value = (record.extraFields[field.key] ?? field.defaultValue ?? '').trim();
    if (value !== '') values[field.key] = value;
  }
  return values;
}

/** The first required extra field of the chosen method that has no value; null when none is missing. */
export function missingExtraField(record: PackSessionRecord): ShippingExtraField | null {
  const values = extraFieldValues(record);
  return chosenProfile(record)?.extraFields?.find((f) => f.isRequired && values[f.key] === undefined) ?? null;
}

/** Picqer said which methods it allows and selected none, and the picklist names none: the packer chooses. */
export function isChoiceNeeded(record: PackSessionRecord): boolean {
  return record.methodsReadAt !== null && record.idshippingproviderProfile === null && record.profiles.length > 0;
}
