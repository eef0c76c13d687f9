import type { Database } from 'better-sqlite3';
import { parseReference, webshopLabel } from '../../../shared/reference';
import type { ShelfLifeChoices, ShelfLifeRule } from '../../../shared/settings';
import { webshopPrefixes } from '../db/queries/orders';
import { picklistShop } from '../db/queries/picklists';
import { productTagTitles, productTagTitlesInCache } from '../db/queries/products';
import { getPackTags, tagTitles } from '../db/queries/tags';
import type { PackContext } from './context';
import { shelfLifeCheck, type UnitData } from './lots';
import type { ScanResolution } from './scan';

/*
 * Which minimum shelf life a unit needs (issue 18). The station's minShelfLifeDays is the default;
 * a rule raises it for units of orders with a tag (on the order, its picklist or the product) or
 * from a webshop. The largest of the default and every matching rule applies (strictest wins),
 * and the refusal names the rule that set it. Picklist packing and batch packing both ask here.
 */

export interface ShelfLifeSettings {
  minShelfLifeDays?: number;
  shelfLifeRules?: readonly ShelfLifeRule[];
}

/** The minimum in force for a unit; `rule` is null where the station's default set it. */
export interface ShelfLifeMinimum {
  days: number;
  rule: Pick<ShelfLifeRule, 'match' | 'value'> | null;
}

/** What a unit's picklist and product go by: every name of its webshop, and every tag title. */
export interface ShelfLifeFacts {
  webshops: readonly string[];
  tags: readonly string[];
}

const normal = (text: string) => text.trim().toLowerCase();

/**
 * The largest of the default and the matching rules. A rule only as strict as the default (or as
 * an earlier rule) adds nothing, so the default (or that earlier rule) is the one named.
 */
export function strictestMinimum(settings: ShelfLifeSettings, facts: ShelfLifeFacts): ShelfLifeMinimum {
  let minimum: ShelfLifeMinimum = { days: Math.max(0, settings.minShelfLifeDays ?? 0), rule: null };
  const rules = settings.shelfLifeRules ?? [];
  if (rules.length === 0) return minimum;
  const names = { tag: new Set(facts.tags.map(normal)), webshop: new Set(facts.webshops.map(normal)) };
  for (const rule of rules) {
    if (rule.days > minimum.days && names[rule.match].has(normal(rule.value))) minimum = { days: rule.days, rule: { match: rule.match, value: rule.value.trim() } };
  }
  return minimum;
}

/**
 * The minimum for a unit of `idproduct` on the cached picklist: its webshop as the queue names it
 * (and the connector's prefix), its picklist's and order's tags, and the product's tags. Three
 * prepared lookups, asked only for a unit with a best-before date and only when there are rules.
 */
export function shelfLifeMinimumOf(db: Database, settings: ShelfLifeSettings, unit: { idpicklist: number; idproduct: number }): ShelfLifeMinimum {
  if ((settings.shelfLifeRules ?? []).length === 0) return strictestMinimum(settings, { webshops: [], tags: [] });
  const shop = picklistShop(db, unit.idpicklist);
  const prefix = shop?.webshopPrefix ?? parseReference(shop?.reference)?.prefix ?? null;
  const label = webshopLabel(prefix);
  const webshops = [label, prefix].filter((name): name is string => name !== null);
  const tags = [...getPackTags(db, unit.idpicklist, shop?.idorder ?? null).map((t) => t.title), ...productTagTitles(db, unit.idproduct)];
  return strictestMinimum(settings, { webshops, tags });
}

/**
 * A unit's resolution with its best-before date checked against the minimum for the picklist it
 * would count on (`shelfLifeCheck` with the station's rules); the one check single and batch
 * packing both make.
 */
export function checkShelfLife(ctx: PackContext, resolution: ScanResolution, unit: UnitData | null, idpicklist: number): ScanResolution {
  return shelfLifeCheck(resolution, unit, {
    now: ctx.deps.clock.now(),
    minimum: (product) => shelfLifeMinimumOf(ctx.db, ctx.deps.settings(), { idpicklist, idproduct: product.idproduct }),
    timeZone: ctx.deps.timeZone,
  });
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort((a, b) => a.localeCompare(b));

/** What Settings offers for a rule: the cached tags (account and product tags) and webshops, sorted. */
export function shelfLifeChoicesOf(db: Database): ShelfLifeChoices {
  return {
    tags: sorted([...tagTitles(db), ...productTagTitlesInCache(db)].map((t) => t.trim()).filter((t) => t !== '')),
    webshops: sorted(webshopPrefixes(db).flatMap((prefix) => webshopLabel(prefix) ?? [])),
  };
}
