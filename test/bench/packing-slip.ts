import { performance } from 'node:perf_hooks';
import { renderPackingSlip, type PackingSlipInput, type PackingSlipLine, type PackingSlipOptions } from '../../electron/main/documents/packing-slip';
import { percentile } from './stats';

/*
 * Benchmark: how long the 'documents' step spends making a local packing slip (A4, nl, with the
 * embedded font and the barcode), for a 5-line and a 100-line order. The first render, which
 * loads and parses the font files, is a warm-up and not counted.
 */

export interface SlipFigures {
  p50Ms: number;
  p95Ms: number;
}

function order(lines: number): PackingSlipInput {
  const rows: PackingSlipLine[] = Array.from({ length: lines }, (_, i) => ({
    productcode: `SKU-${String(i + 1).padStart(4, '0')}`,
    name: i % 4 === 0 ? `Fietstas Ørsted Ærø waterdicht ${i + 1}, 20 liter, zwart` : `Fietsbel ${i + 1}`,
    amount: (i % 3) + 1,
    remarks: i % 9 === 0 ? 'Breekbaar' : null,
    parts: i % 10 === 5 ? [{ productcode: `PART-${i}`, name: 'Onderdeel', amount: 1, remarks: null }] : [],
  }));
  return {
    picklistid: 'P2026-10042',
    orderid: 'O2026-555',
    reference: 'PS #73 / ITQRFWVHT',
    date: new Date(2026, 10, 2),
    deliveryAddress: ['Jörg Müller', 'Schloßstraße 1', '90-001 Łódź', 'PL'],
    invoiceAddress: ['Ørsted A/S', 'Ærøvej 2', '5970 Ærøskøbing', 'DK'],
    lines: rows,
    customerRemarks: 'Bitte an der Straße abgeben',
    orderFields: [{ title: 'Cadeauverpakking', value: 'ja' }],
  };
}

async function measure(lines: number, runs: number): Promise<SlipFigures> {
  const input = order(lines);
  const options: PackingSlipOptions = { size: 'A4', language: 'nl', company: { name: 'Acme Fietsen BV', address: ['Kanaalweg 1', '3526 KL Utrecht'] } };
  await renderPackingSlip(input, options);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await renderPackingSlip(input, options);
    times.push(performance.now() - start);
  }
  return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
}

export async function benchPackingSlip(options: { runs?: number } = {}): Promise<{ runs: number; lines5: SlipFigures; lines100: SlipFigures }> {
  const runs = Math.max(20, options.runs ?? 30);
  return { runs, lines5: await measure(5, runs), lines100: await measure(100, runs) };
}
