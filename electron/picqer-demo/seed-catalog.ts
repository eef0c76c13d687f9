import type { RawPackaging, RawShippingProvider, RawTag, RawTemplate, RawUser, RawWarehouse } from './types';

/*
 * The fixed parts of the demo warehouse: the reference data a Picqer account sets up once, and
 * the word lists the generator draws from. Names deliberately include letters outside ASCII
 * (Müller, Łódź, Ørsted, Ærø, Straße) so every layer is tested with them.
 */

export const seedEpoch = Date.UTC(2026, 10, 2, 8, 0, 0);

export const warehouses: RawWarehouse[] = [
  { idwarehouse: 1829, name: 'Hoofdmagazijn Utrecht', accept_orders: true, counts_for_general_stock: true, priority: 1, active: true },
  { idwarehouse: 1830, name: 'Außenlager Düsseldorf', accept_orders: true, counts_for_general_stock: true, priority: 2, active: true },
];

/** The user the demo's API key belongs to (/users/me): the shift lead who made the key. */
export const apiUserId = 20;

type UserSeed = [iduser: number, username: string, firstname: string, lastname: string, language: string, admin: boolean, active: boolean];
const userSeeds: UserSeed[] = [
  [20, 'ilse.janssen', 'Ilse', 'Janssen', 'nl', true, true],
  [21, 'jan.devries', 'Jan', 'de Vries', 'nl', true, true],
  [22, 'sanne.muller', 'Sanne', 'Müller', 'nl', false, true],
  [23, 'zofia.lukasiewicz', 'Zofia', 'Łukasiewicz', 'en', false, true],
  [24, 'mette.orsted', 'Mette', 'Ørsted', 'en', false, true],
  [25, 'bram.bakker', 'Bram', 'Bakker', 'nl', false, false],
];

export function users(stamp: string): RawUser[] {
  return userSeeds.map(([iduser, username, firstname, lastname, language, admin, active]) => ({
    iduser,
    idpacking_station: iduser === 24 ? 3 : null,
    username,
    firstname,
    lastname,
    first_name: firstname,
    last_name: lastname,
    emailaddress: `${username}@demo-warehouse.example`,
    language,
    admin,
    active,
    last_login_at: active ? stamp : null,
    rights: admin ? ['admin'] : ['picklists', 'shipments'],
    created_at: stamp,
    updated_at: stamp,
  }));
}

export const tags: RawTag[] = [
  { idtag: 301, title: 'Spoed', color: '#e53935', inherit: true, textColor: '#ffffff' },
  { idtag: 302, title: 'VIP', color: '#fbc02d', inherit: true, textColor: '#000000' },
  { idtag: 303, title: 'Breekbaar', color: '#8e24aa', inherit: true, textColor: '#ffffff' },
  { idtag: 304, title: 'Cadeau', color: '#43a047', inherit: true, textColor: '#ffffff' },
  { idtag: 305, title: 'Groothandel', color: '#1e88e5', inherit: false, textColor: '#ffffff' },
  { idtag: 306, title: 'Retour klant', color: '#757575', inherit: true, textColor: '#ffffff' },
];

export function shippingProviders(stamp: string): RawShippingProvider[] {
  const profile = (id: number, name: string, standard: boolean, active = true) => ({
    idshippingprovider_profile: id,
    name,
    standard,
    active,
    created: stamp,
    updated: stamp,
  });
  return [
    {
      idshippingprovider: 401,
      name: 'PostNL',
      provider: 'PostNL',
      active: true,
      created: stamp,
      updated: stamp,
      profiles: [
        profile(1365, 'PostNL Standaard pakket', true),
        profile(1366, 'PostNL Brievenbuspakje', false),
        profile(1367, 'PostNL Verzekerd', false, false),
      ],
    },
    {
      idshippingprovider: 402,
      name: 'DHL Parcel',
      provider: 'DHL Parcel NL',
      active: true,
      created: stamp,
      updated: stamp,
      profiles: [profile(1401, 'DHL Europlus', false), profile(1402, 'DHL Parcel Connect', false)],
    },
    {
      idshippingprovider: 403,
      name: 'DPD',
      provider: 'DPD',
      active: true,
      created: stamp,
      updated: stamp,
      profiles: [profile(1451, 'DPD Classic', false)],
    },
  ];
}

export const carrierKeys: Record<number, { carrier_key: string; public_name: string; trackUrl: string }> = {
  401: { carrier_key: 'postnl', public_name: 'PostNL', trackUrl: 'https://jouw.postnl.nl/track-and-trace/' },
  402: { carrier_key: 'dhl_nl', public_name: 'DHL', trackUrl: 'https://my.dhlecommerce.nl/home/tracktrace/' },
  403: { carrier_key: 'dpd_nl', public_name: 'DPD', trackUrl: 'https://tracking.dpd.de/status/nl_NL/parcel/' },
};

export function packagings(stamp: string): RawPackaging[] {
  const box = (idpackaging: number, name: string, barcode: string | null, l: number, w: number, h: number, active = true) => ({
    idpackaging,
    name,
    barcode,
    length: l,
    width: w,
    height: h,
    use_in_auto_advice: active,
    active,
    created_at: stamp,
    updated_at: stamp,
  });
  return [
    box(3, 'Doos S', 'DOOS-S', 20, 15, 10),
    box(4, 'Doos M', 'DOOS-M', 30, 25, 15),
    box(5, 'Doos L', 'DOOS-L', 50, 40, 30),
    box(6, 'Brievenbusdoos', '8719992000017', 34, 24, 3),
    box(7, 'Pallet', null, 120, 80, 100),
    box(8, 'Oude doos', 'DOOS-OUD', 25, 25, 25, false),
  ];
}

export const templates: RawTemplate[] = [
  { idtemplate: 1, name: 'Standaard pakbon', custom_css: null, default: true },
  { idtemplate: 2, name: 'Cadeau (zonder prijzen)', custom_css: '.price { display: none; }', default: false },
  { idtemplate: 3, name: 'English packing slip', custom_css: null, default: false },
];

export interface Webshop {
  prefix: string;
  name: string;
  firstOrderNumber: number;
}

export const webshops: Webshop[] = [
  { prefix: 'PS', name: 'Fietsonderdelen.nl', firstOrderNumber: 73 },
  { prefix: 'BE', name: 'Tuinwinkel België', firstOrderNumber: 1200 },
  { prefix: 'DEV', name: 'Testwinkel', firstOrderNumber: 5 },
  { prefix: 'K', name: 'Kadoshop Noord', firstOrderNumber: 310 },
];

export const productNouns = [
  'Fietsbel', 'Binnenband 28"', 'Koplamp LED', 'Achterlicht', 'Zadelpen', 'Kettingolie 100 ml', 'Remblokken set',
  'Trappers (paar)', 'Spatbord', 'Bagagedrager', 'Fietspomp', 'Handvatten', 'Bidonhouder', 'Fietsslot',
  'Bloempot terracotta', 'Gieter 5 L', 'Snoeischaar', 'Tuinhandschoenen', 'Zaadjes tomaat', 'Plantenvoeding 1 L',
  'Vogelhuisje', 'Regenmeter', 'Tuinslang 25 m', 'Schoffel', 'Kaars eucalyptus', 'Theedoek', 'Mok Delfts blauw',
  'Onderzetters (4)', 'Notitieboek A5', 'Puzzel 1000 st.', 'Wollen sokken', 'Sjaal', 'Muts', 'Sleutelhanger',
];
export const productColours = ['zwart', 'wit', 'rood', 'blauw', 'groen', 'geel', 'grijs', 'oranje'];
export const productSizes = ['S', 'M', 'L', 'XL'];
export const productFieldValues = ['Aluminium', 'Staal', 'Katoen', 'Keramiek', 'Rubber', 'Hout', 'Wol'];
export const stockLocations = ['A', 'B', 'C', 'D', 'E', 'K'];

export interface Address {
  street: string;
  zipcode: string;
  city: string;
  country: string;
  region: string | null;
}

export const addresses: Address[] = [
  { street: 'Oudegracht 112', zipcode: '3511 AW', city: 'Utrecht', country: 'NL', region: null },
  { street: 'Prinsengracht 263', zipcode: '1016 GV', city: 'Amsterdam', country: 'NL', region: null },
  { street: 'Molenweg 4', zipcode: '8011 AB', city: 'Zwolle', country: 'NL', region: null },
  { street: 'Kerkstraat 17', zipcode: '5211 KE', city: "'s-Hertogenbosch", country: 'NL', region: null },
  { street: 'Vismarkt 9', zipcode: '9712 CA', city: 'Groningen', country: 'NL', region: null },
  { street: 'Veldstraat 45', zipcode: '9000', city: 'Gent', country: 'BE', region: 'Oost-Vlaanderen' },
  { street: 'Meir 78', zipcode: '2000', city: 'Antwerpen', country: 'BE', region: 'Antwerpen' },
  { street: 'Hauptstraße 12', zipcode: '40213', city: 'Düsseldorf', country: 'DE', region: 'Nordrhein-Westfalen' },
  { street: 'Bahnhofstraße 3', zipcode: '50667', city: 'Köln', country: 'DE', region: 'Nordrhein-Westfalen' },
  { street: 'Straße des 17. Juni 135', zipcode: '10623', city: 'Berlin', country: 'DE', region: 'Berlin' },
  { street: 'ul. Piotrkowska 104', zipcode: '90-006', city: 'Łódź', country: 'PL', region: 'łódzkie' },
  { street: 'ul. Floriańska 22', zipcode: '31-021', city: 'Kraków', country: 'PL', region: 'małopolskie' },
  { street: 'Vestergade 8', zipcode: '5970', city: 'Ærøskøbing', country: 'DK', region: 'Ærø' },
  { street: 'Strøget 30', zipcode: '1160', city: 'København K', country: 'DK', region: null },
  { street: '12 Baker Street', zipcode: 'NW1 6XE', city: 'London', country: 'GB', region: null },
];

export const firstNames = ['Jan', 'Sanne', 'Pieter', 'Anouk', 'Lars', 'Mette', 'Jürgen', 'Zofia', 'Søren', 'Émilie', 'Thijs', 'Fleur', 'Bram', 'Lotte', 'Łucja', 'Annika', 'Noah', 'Emma'];
export const lastNames = ['de Vries', 'Jansen', 'Müller', 'Ørsted', 'Kowalski', 'Nowak', 'van den Berg', 'Bakker', 'Schröder', 'Dubois', 'Peeters', 'Janssens', 'Visser', 'Wiśniewska', 'Østergaard', 'Ærøe'];
export const companyNames = ['Bloemenhuis De Tulp', 'Müller & Söhne GmbH', 'Rowerowo Łódź Sp. z o.o.', 'Ørsted Cykler ApS'];

export const customerRemarks = {
  nl: ['Graag bij de buren afgeven als we niet thuis zijn.', 'Cadeau: geen prijzen op de pakbon a.u.b.', 'Niet vouwen, breekbaar!', 'Bel even aan bij de achterdeur.'],
  en: ['Please leave the parcel at the back door.', 'This is a gift, please do not include prices.', 'Fragile, handle with care.', 'Deliver to reception, 2nd floor.'],
};

export const pauseReasons = ['Product beschadigd, wacht op vervanging', 'Klant wil adres wijzigen', 'Betaling nog niet binnen'];
