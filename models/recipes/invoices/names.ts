// Made-up companies, people and addresses, composed from word lists per country: common surnames, trade
// words and real city names with plausible postcodes. No real person's or company's data is used.
import type { InvoiceLanguage } from '../../../main/invoices/types.ts';
import type { Country } from './model.ts';
import type { Random } from './random.ts';

const SURNAMES: Record<InvoiceLanguage, readonly string[]> = {
  en: [
    'Smith',
    'Jones',
    'Taylor',
    'Brown',
    'Williams',
    'Wilson',
    'Johnson',
    'Davies',
    'Robinson',
    'Wright',
    'Thompson',
    'Evans',
    'Walker',
    'White',
    'Roberts',
    'Green',
    'Hall',
    'Wood',
    'Clarke',
    'Harper',
    'Finch',
    'Carter',
    'Murphy',
    'Kelly',
    "O'Brien",
    'Byrne',
    'Ryan',
    'Walsh',
    'Miller',
    'Parker',
    'Morgan',
    'Hughes',
  ],
  de: [
    'Müller',
    'Schmidt',
    'Schneider',
    'Fischer',
    'Weber',
    'Meyer',
    'Wagner',
    'Becker',
    'Schulz',
    'Hoffmann',
    'Koch',
    'Richter',
    'Klein',
    'Wolf',
    'Schröder',
    'Neumann',
    'Schwarz',
    'Zimmermann',
    'Braun',
    'Krüger',
    'Hartmann',
    'Lange',
    'Werner',
    'Krause',
    'Lehmann',
    'Köhler',
    'Maier',
    'Huber',
    'Gruber',
    'Brunner',
    'Steiner',
    'Keller',
    'Baumann',
    'Weiß',
    'Jäger',
    'Fuchs',
  ],
  fr: [
    'Martin',
    'Bernard',
    'Dubois',
    'Thomas',
    'Robert',
    'Richard',
    'Petit',
    'Durand',
    'Leroy',
    'Moreau',
    'Simon',
    'Laurent',
    'Lefèvre',
    'Michel',
    'Garcia',
    'David',
    'Bertrand',
    'Roux',
    'Vincent',
    'Fournier',
    'Morel',
    'Girard',
    'André',
    'Mercier',
    'Dupont',
    'Lambert',
    'Bonnet',
    'François',
    'Faure',
    'Rousseau',
    'Blanc',
    'Guérin',
    'Chevalier',
    'Peeters',
    'Dumont',
  ],
  nl: [
    'de Jong',
    'Jansen',
    'de Vries',
    'van den Berg',
    'van Dijk',
    'Bakker',
    'Janssen',
    'Visser',
    'Smit',
    'Meijer',
    'de Boer',
    'Mulder',
    'de Groot',
    'Bos',
    'Vos',
    'Peters',
    'Hendriks',
    'van Leeuwen',
    'Dekker',
    'Brouwer',
    'de Wit',
    'Dijkstra',
    'Smits',
    'de Graaf',
    'van der Meer',
    'Maes',
    'Claes',
    'Willems',
    'Goossens',
    'Wouters',
  ],
  es: [
    'García',
    'Rodríguez',
    'González',
    'Fernández',
    'López',
    'Martínez',
    'Sánchez',
    'Pérez',
    'Gómez',
    'Martín',
    'Jiménez',
    'Ruiz',
    'Hernández',
    'Díaz',
    'Moreno',
    'Muñoz',
    'Álvarez',
    'Romero',
    'Alonso',
    'Gutiérrez',
    'Navarro',
    'Torres',
    'Domínguez',
    'Vázquez',
    'Ramos',
    'Gil',
    'Serrano',
    'Castillo',
  ],
};

const FIRST_NAMES: Record<InvoiceLanguage, readonly string[]> = {
  en: [
    'James',
    'Emma',
    'Oliver',
    'Sophie',
    'Daniel',
    'Grace',
    'Thomas',
    'Chloe',
    'Michael',
    'Sarah',
    'Liam',
    'Aoife',
    'Emily',
    'Jack',
  ],
  de: [
    'Anna',
    'Thomas',
    'Julia',
    'Stefan',
    'Katrin',
    'Michael',
    'Sabine',
    'Andreas',
    'Lena',
    'Jürgen',
    'Lukas',
    'Birgit',
    'Jörg',
    'Claudia',
  ],
  fr: [
    'Marie',
    'Pierre',
    'Camille',
    'Julien',
    'Chloé',
    'Nicolas',
    'Léa',
    'Antoine',
    'Élodie',
    'François',
    'Manon',
    'Hélène',
    'Théo',
  ],
  nl: [
    'Sanne',
    'Daan',
    'Eva',
    'Bram',
    'Lotte',
    'Jeroen',
    'Femke',
    'Thijs',
    'Anouk',
    'Pieter',
    'Ilse',
    'Wouter',
    'Joost',
    'Marieke',
  ],
  es: [
    'María',
    'Javier',
    'Lucía',
    'Carlos',
    'Carmen',
    'Alejandro',
    'Laura',
    'Sergio',
    'Elena',
    'Pablo',
    'Ana',
    'José',
    'Nuria',
    'Íñigo',
  ],
};

const TRADES: Record<InvoiceLanguage, readonly string[]> = {
  en: [
    'Supplies',
    'Consulting',
    'Engineering',
    'Logistics',
    'Print',
    'Solutions',
    'Building Services',
    'Electrical',
    'Software',
    'Cleaning Services',
    'Office Supplies',
    'Catering',
    'Joinery',
    'Plumbing',
    'Design',
    'Facilities',
    'Freight',
    'Systems',
  ],
  de: [
    'Haustechnik',
    'Elektrotechnik',
    'Bau',
    'Logistik',
    'Consulting',
    'Druckerei',
    'Metallbau',
    'Software',
    'Gebäudereinigung',
    'Holzbau',
    'Medien',
    'Handel',
    'Systemtechnik',
    'Dienstleistungen',
    'Maschinenbau',
    'Bürobedarf',
    'Gartenbau',
    'Sanitär',
    'IT-Service',
    'Spedition',
  ],
  fr: [
    'Conseil',
    'Bâtiment',
    'Imprimerie',
    'Transports',
    'Électricité',
    'Informatique',
    'Menuiserie',
    'Plomberie',
    'Services',
    'Distribution',
    'Nettoyage',
    'Ingénierie',
    'Fournitures',
    'Traiteur',
    'Logistique',
    'Communication',
  ],
  nl: [
    'Installatietechniek',
    'Bouw',
    'Transport',
    'Advies',
    'Schilderwerken',
    'ICT',
    'Groothandel',
    'Drukkerij',
    'Techniek',
    'Logistiek',
    'Administratie',
    'Hoveniers',
    'Schoonmaak',
    'Elektro',
    'Kantoorartikelen',
  ],
  es: [
    'Construcciones',
    'Distribuciones',
    'Transportes',
    'Asesoría',
    'Instalaciones',
    'Suministros',
    'Servicios',
    'Informática',
    'Gráficas',
    'Reformas',
    'Limpiezas',
    'Ingeniería',
    'Climatización',
  ],
};

const BRAND_WORDS: Record<InvoiceLanguage, readonly string[]> = {
  en: [
    'Northfield',
    'Riverside',
    'Oakwood',
    'Bluewater',
    'Highland',
    'Redbrook',
    'Kingsway',
    'Silverline',
    'Westgate',
    'Greenacre',
    'Summit',
    'Harbour',
    'Pinecrest',
    'Brightwell',
  ],
  de: [
    'Nord',
    'Süd',
    'Alpen',
    'Rhein',
    'Elb',
    'Main',
    'Donau',
    'Spree',
    'Isar',
    'Berg',
    'Stadt',
    'Weser',
    'Tal',
    'Linden',
  ],
  fr: [
    'Atlantique',
    'Provence',
    'Alpes',
    'Loire',
    'Rhône',
    'Azur',
    'Océan',
    'Horizon',
    'Étoile',
    'Lumière',
    'Vallée',
    'Cèdre',
  ],
  nl: ['Noord', 'Zuid', 'Delta', 'Polder', 'Kust', 'Maas', 'IJssel', 'Duin', 'Horizon', 'Kompas', 'Linde'],
  es: [
    'Norte',
    'Sur',
    'Levante',
    'Mediterráneo',
    'Cantábrico',
    'Ibérica',
    'Sol',
    'Horizonte',
    'Atlántico',
    'Sierra',
    'Olivo',
  ],
};

const LEGAL_FORMS: Record<Country, readonly string[]> = {
  GB: ['Ltd', 'Limited', 'LLP', 'PLC', 'Ltd.'],
  IE: ['Ltd', 'Limited', 'DAC', 'Teoranta'],
  US: ['Inc.', 'LLC', 'Corp.', 'Co.', 'Inc'],
  DE: ['GmbH', 'AG', 'GmbH & Co. KG', 'KG', 'e.K.', 'OHG', 'UG (haftungsbeschränkt)'],
  AT: ['GmbH', 'AG', 'KG', 'e.U.', 'GesmbH'],
  CH: ['AG', 'GmbH', 'SA', 'Sàrl'],
  FR: ['SARL', 'SAS', 'SA', 'EURL', 'SASU'],
  BE: ['SRL', 'SA', 'BV', 'NV', 'SPRL', 'BVBA'],
  NL: ['B.V.', 'V.O.F.', 'N.V.', 'BV'],
  ES: ['S.L.', 'S.A.', 'S.L.U.', 'SL', 'S.Coop.'],
};

const SHOPS: Record<InvoiceLanguage, readonly string[]> = {
  en: [
    '{S} Coffee House',
    'The {B} Deli',
    '{B} Market',
    '{S} & Sons Bakery',
    '{B} Pharmacy',
    'The {B} Arms',
    '{B} Hardware',
  ],
  de: [
    'Bäckerei {S}',
    'Café {B}',
    '{S} Getränkemarkt',
    'Apotheke am {B}platz',
    'Restaurant {B}blick',
    'Metzgerei {S}',
    '{B} Markt',
  ],
  fr: [
    'Boulangerie {S}',
    'Café du {B}',
    'Épicerie {S}',
    'Pharmacie du {B}',
    'Brasserie {S}',
    'Le Bistrot {S}',
    'Supérette {B}',
  ],
  nl: [
    'Bakkerij {S}',
    'Café {B}',
    'Eetcafé {S}',
    'Supermarkt {B}',
    'Drogisterij {S}',
    'Lunchroom {B}',
    'Slagerij {S}',
  ],
  es: [
    'Panadería {S}',
    'Cafetería {B}',
    'Bar {S}',
    'Supermercado {B}',
    'Farmacia {S}',
    'Restaurante {B}',
    'Frutería {S}',
  ],
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function personName(language: InvoiceLanguage, rng: Random): string {
  return `${rng.pick(FIRST_NAMES[language])} ${capitalise(rng.pick(SURNAMES[language]))}`;
}

/** A business's name: "Müller Haustechnik GmbH", "Transports Dubois SARL", "Northfield Supplies Ltd". */
export function companyName(country: Country, language: InvoiceLanguage, rng: Random): string {
  const surname = capitalise(rng.pick(SURNAMES[language]));
  const other = capitalise(rng.pick(SURNAMES[language]));
  const trade = rng.pick(TRADES[language]);
  const brand = rng.pick(BRAND_WORDS[language]);
  const legal = rng.pick(LEGAL_FORMS[country]);
  const and = { en: '&', de: '&', fr: 'et', nl: '&', es: 'y' }[language];
  const patterns: Record<InvoiceLanguage, readonly string[]> = {
    en: [`${surname} ${trade} ${legal}`, `${brand} ${trade} ${legal}`, `${surname} ${and} ${other} ${legal}`],
    de: [
      `${surname} ${trade} ${legal}`,
      `${brand}-${trade} ${legal}`,
      `${surname} ${and} ${other} ${legal}`,
      `${brand}${trade.toLowerCase()} ${legal}`,
    ],
    fr: [
      `${trade} ${surname} ${legal}`,
      `${surname} ${and} Fils ${legal}`,
      `${trade} du ${brand} ${legal}`,
      `Groupe ${surname} ${legal}`,
    ],
    nl: [`${surname} ${trade} ${legal}`, `${brand} ${trade} ${legal}`, `${surname} ${and} ${other} ${legal}`],
    es: [
      `${trade} ${surname} ${legal}`,
      `${trade} del ${brand} ${legal}`,
      `${surname} ${and} ${other} ${legal}`,
    ],
  };
  return rng.pick(patterns[language]);
}

/** A shop, café or restaurant, for receipts; sometimes with its legal form. */
export function shopName(country: Country, language: InvoiceLanguage, rng: Random): string {
  const name = rng
    .pick(SHOPS[language])
    .replace('{S}', capitalise(rng.pick(SURNAMES[language])))
    .replace('{B}', rng.pick(BRAND_WORDS[language]));
  return rng.chance(0.35) ? `${name} ${rng.pick(LEGAL_FORMS[country])}` : name;
}

// --- Addresses ------------------------------------------------------------------------------------

interface City {
  name: string;
  /** Postcode with # for a random digit and @ for a random letter. */
  postcode: string;
  /** US state, Irish county, Spanish province shown after the city. */
  region?: string;
}

const CITIES: Record<Country, readonly City[]> = {
  DE: [
    { name: 'Berlin', postcode: '10###' },
    { name: 'Hamburg', postcode: '22###' },
    { name: 'München', postcode: '80###' },
    { name: 'Köln', postcode: '50###' },
    { name: 'Frankfurt am Main', postcode: '60###' },
    { name: 'Stuttgart', postcode: '70###' },
    { name: 'Düsseldorf', postcode: '40###' },
    { name: 'Leipzig', postcode: '04###' },
    { name: 'Dresden', postcode: '01###' },
    { name: 'Hannover', postcode: '30###' },
    { name: 'Nürnberg', postcode: '90###' },
    { name: 'Bremen', postcode: '28###' },
    { name: 'Freiburg im Breisgau', postcode: '79###' },
    { name: 'Münster', postcode: '48###' },
    { name: 'Mainz', postcode: '55###' },
  ],
  AT: [
    { name: 'Wien', postcode: '1##0' },
    { name: 'Graz', postcode: '80#0' },
    { name: 'Linz', postcode: '40#0' },
    { name: 'Salzburg', postcode: '50#0' },
    { name: 'Innsbruck', postcode: '60#0' },
    { name: 'Klagenfurt', postcode: '90#0' },
  ],
  CH: [
    { name: 'Zürich', postcode: '80##' },
    { name: 'Bern', postcode: '30##' },
    { name: 'Basel', postcode: '40##' },
    { name: 'Luzern', postcode: '60##' },
    { name: 'St. Gallen', postcode: '90##' },
    { name: 'Winterthur', postcode: '84##' },
    { name: 'Genève', postcode: '12##' },
    { name: 'Lausanne', postcode: '10##' },
    { name: 'Neuchâtel', postcode: '20##' },
  ],
  FR: [
    { name: 'Paris', postcode: '750##' },
    { name: 'Lyon', postcode: '6900#' },
    { name: 'Marseille', postcode: '130##' },
    { name: 'Toulouse', postcode: '31###' },
    { name: 'Nantes', postcode: '44###' },
    { name: 'Bordeaux', postcode: '33###' },
    { name: 'Lille', postcode: '59###' },
    { name: 'Strasbourg', postcode: '67###' },
    { name: 'Rennes', postcode: '35###' },
    { name: 'Montpellier', postcode: '34###' },
    { name: 'Nice', postcode: '06###' },
    { name: 'Orléans', postcode: '45###' },
  ],
  BE: [
    { name: 'Bruxelles', postcode: '10#0' },
    { name: 'Liège', postcode: '40#0' },
    { name: 'Namur', postcode: '50#0' },
    { name: 'Charleroi', postcode: '60#0' },
    { name: 'Antwerpen', postcode: '20#0' },
    { name: 'Gent', postcode: '90#0' },
    { name: 'Brugge', postcode: '80#0' },
    { name: 'Leuven', postcode: '30#0' },
    { name: 'Mechelen', postcode: '28#0' },
  ],
  NL: [
    { name: 'Amsterdam', postcode: '10## @@' },
    { name: 'Rotterdam', postcode: '30## @@' },
    { name: 'Utrecht', postcode: '35## @@' },
    { name: 'Den Haag', postcode: '25## @@' },
    { name: 'Eindhoven', postcode: '56## @@' },
    { name: 'Groningen', postcode: '97## @@' },
    { name: 'Tilburg', postcode: '50## @@' },
    { name: 'Haarlem', postcode: '20## @@' },
    { name: 'Arnhem', postcode: '68## @@' },
    { name: 'Zwolle', postcode: '80## @@' },
  ],
  ES: [
    { name: 'Madrid', postcode: '280##' },
    { name: 'Barcelona', postcode: '080##' },
    { name: 'Valencia', postcode: '460##' },
    { name: 'Sevilla', postcode: '410##' },
    { name: 'Zaragoza', postcode: '500##' },
    { name: 'Málaga', postcode: '290##' },
    { name: 'Bilbao', postcode: '480##' },
    { name: 'Valladolid', postcode: '470##' },
    { name: 'Alicante', postcode: '030##' },
    { name: 'Murcia', postcode: '300##' },
    { name: 'A Coruña', postcode: '150##' },
  ],
  GB: [
    { name: 'London', postcode: 'EC# #@@' },
    { name: 'London', postcode: 'SW## #@@' },
    { name: 'Manchester', postcode: 'M# #@@' },
    { name: 'Birmingham', postcode: 'B## #@@' },
    { name: 'Leeds', postcode: 'LS# #@@' },
    { name: 'Bristol', postcode: 'BS# #@@' },
    { name: 'Edinburgh', postcode: 'EH# #@@' },
    { name: 'Glasgow', postcode: 'G# #@@' },
    { name: 'Cardiff', postcode: 'CF## #@@' },
    { name: 'Norwich', postcode: 'NR# #@@' },
  ],
  IE: [
    { name: 'Dublin 2', postcode: 'D02 @###' },
    { name: 'Dublin 8', postcode: 'D08 @###' },
    { name: 'Cork', postcode: 'T12 @###', region: 'Co. Cork' },
    { name: 'Galway', postcode: 'H91 @###', region: 'Co. Galway' },
    { name: 'Limerick', postcode: 'V94 @###', region: 'Co. Limerick' },
    { name: 'Kilkenny', postcode: 'R95 @###', region: 'Co. Kilkenny' },
  ],
  US: [
    { name: 'San Francisco', postcode: '941##', region: 'CA' },
    { name: 'Austin', postcode: '787##', region: 'TX' },
    { name: 'Chicago', postcode: '606##', region: 'IL' },
    { name: 'New York', postcode: '100##', region: 'NY' },
    { name: 'Seattle', postcode: '981##', region: 'WA' },
    { name: 'Boston', postcode: '021##', region: 'MA' },
    { name: 'Denver', postcode: '802##', region: 'CO' },
    { name: 'Portland', postcode: '972##', region: 'OR' },
  ],
};

const STREETS = {
  de: {
    stems: [
      'Haupt',
      'Bahnhof',
      'Garten',
      'Schul',
      'Kirch',
      'Berg',
      'Wald',
      'Linden',
      'Industrie',
      'Mühlen',
      'Goethe',
      'Schiller',
      'Rosen',
      'Birken',
      'Markt',
      'Friedrich-Ebert-',
    ],
    kinds: ['straße', 'weg', 'allee', 'ring', 'platz'],
  },
  at: { kinds: ['gasse', 'straße', 'weg', 'platz'] },
  ch: { kinds: ['strasse', 'weg', 'gasse', 'platz'] },
  nl: {
    stems: [
      'Kerk',
      'Dorps',
      'Molen',
      'Stations',
      'Nieuwe',
      'Hoofd',
      'School',
      'Industrie',
      'Kanaal',
      'Zuid',
      'Prins Hendrik',
      'Oranje',
    ],
    kinds: ['straat', 'weg', 'laan', 'plein', 'kade', 'singel', 'gracht'],
  },
  fr: [
    'rue de la République',
    'avenue Victor Hugo',
    'rue des Lilas',
    'boulevard du Général Leclerc',
    'avenue Jean Jaurès',
    'rue de la Gare',
    'quai du Port',
    'rue Pasteur',
    'place des Écoles',
    'rue Saint-Michel',
    'allée des Tilleuls',
    'chemin des Vignes',
    'rue du Faubourg Saint-Antoine',
  ],
  frBE: [
    'Rue de la Station',
    'Avenue Louise',
    'Chaussée de Waterloo',
    'Rue du Marché',
    'Boulevard Anspach',
    'Rue Haute',
  ],
  frCH: ['Rue du Lac', 'Avenue de la Gare', 'Chemin des Crêts', 'Rue du Rhône', 'Place du Marché'],
  es: [
    'Calle Mayor',
    'Calle de Alcalá',
    'Gran Vía',
    'Calle del Sol',
    'Calle Real',
    'Avenida de la Paz',
    'Calle Nueva',
    'Paseo de San Juan',
    'Calle de Cervantes',
    'Avenida de Andalucía',
    'Calle de Toledo',
    'Rambla de Catalunya',
  ],
  en: {
    stems: [
      'High',
      'Station',
      'Church',
      'Mill',
      'Park',
      'Victoria',
      "Queen's",
      'King',
      'Manor',
      'Albert',
      'Bridge',
      'Market',
    ],
    kinds: ['Street', 'Road', 'Lane', 'Avenue', 'Close', 'Way', 'Row'],
  },
  us: {
    stems: [
      'Main',
      'Oak',
      'Maple',
      'Cedar',
      'Market',
      'Elm',
      'Washington',
      'Lake',
      'Hill',
      'Park',
      'Mission',
      'Congress',
    ],
    kinds: ['Street', 'Avenue', 'Road', 'Boulevard', 'Drive'],
  },
};

function fillPattern(pattern: string, rng: Random): string {
  return pattern.replace(/[#@]/g, (c) => (c === '#' ? rng.digits(1) : rng.letters(1)));
}

/** Printed address lines (street first, no name) of a place in `country`, for documents in `language`. */
export function addressLines(
  country: Country,
  language: InvoiceLanguage,
  rng: Random,
  withCountry: boolean,
): string[] {
  // Belgium and Switzerland: a city of the document's language area.
  const frenchSpeaking = ['Bruxelles', 'Liège', 'Namur', 'Charleroi', 'Genève', 'Lausanne', 'Neuchâtel'];
  const bilingual = country === 'BE' || country === 'CH';
  const city = rng.pick(
    CITIES[country].filter((c) => !bilingual || frenchSpeaking.includes(c.name) === (language === 'fr')),
  );
  const postcode = fillPattern(city.postcode, rng);
  const number = rng.int(1, rng.chance(0.7) ? 60 : 240);
  const suffix = rng.chance(0.12) ? rng.pick(['a', 'b', 'c']) : '';
  const lines: string[] = [];
  switch (country) {
    case 'DE':
    case 'AT':
    case 'CH': {
      const kinds =
        country === 'DE' ? STREETS.de.kinds : country === 'AT' ? STREETS.at.kinds : STREETS.ch.kinds;
      if (country === 'CH' && language === 'fr') lines.push(`${rng.pick(STREETS.frCH)} ${number}`);
      else lines.push(`${rng.pick(STREETS.de.stems)}${rng.pick(kinds)} ${number}${suffix}`);
      lines.push(
        `${country === 'DE' || rng.chance(0.6) ? '' : `${country === 'AT' ? 'A' : 'CH'}-`}${postcode} ${city.name}`,
      );
      break;
    }
    case 'NL':
    case 'BE': {
      if (country === 'BE' && language === 'fr') lines.push(`${rng.pick(STREETS.frBE)} ${number}`);
      else lines.push(`${rng.pick(STREETS.nl.stems)}${rng.pick(STREETS.nl.kinds)} ${number}${suffix}`);
      lines.push(`${postcode} ${city.name}`);
      break;
    }
    case 'FR':
      if (rng.chance(0.15))
        lines.push(rng.pick(['Bâtiment B', 'ZA des Landes', 'Parc d’activités du Moulin', 'BP 42']));
      lines.push(`${number}${rng.chance(0.1) ? ' bis' : ''} ${rng.pick(STREETS.fr)}`);
      lines.push(`${postcode} ${city.name}${rng.chance(0.1) ? ' Cedex' : ''}`);
      break;
    case 'ES':
      lines.push(
        rng.chance(0.3)
          ? `${rng.pick(STREETS.es)}, ${number}, ${rng.int(1, 8)}º ${rng.pick(['A', 'B', 'C', 'D', 'izq.', 'dcha.'])}`
          : `${rng.pick(STREETS.es)}, ${number}`,
      );
      if (rng.chance(0.1))
        lines.push(`Polígono Industrial ${rng.pick(BRAND_WORDS.es)}, Nave ${rng.int(1, 30)}`);
      lines.push(rng.chance(0.3) ? `${postcode} ${city.name} (${city.name})` : `${postcode} ${city.name}`);
      break;
    case 'GB':
    case 'IE':
      if (rng.chance(0.25)) lines.push(`Unit ${rng.int(1, 30)}, ${rng.pick(BRAND_WORDS.en)} Business Park`);
      lines.push(`${number} ${rng.pick(STREETS.en.stems)} ${rng.pick(STREETS.en.kinds)}`);
      lines.push(city.name);
      if (city.region && rng.chance(0.5)) lines.push(city.region);
      lines.push(postcode);
      break;
    case 'US':
      lines.push(
        `${rng.int(100, 9800)} ${rng.pick(STREETS.us.stems)} ${rng.pick(STREETS.us.kinds)}${rng.chance(0.3) ? `, Suite ${rng.int(1, 9)}${rng.digits(2)}` : ''}`,
      );
      lines.push(`${city.name}, ${city.region ?? ''} ${postcode}`);
      break;
  }
  if (withCountry) lines.push(countryName(country, language));
  return lines;
}

const COUNTRY_NAMES: Record<Country, Record<InvoiceLanguage, string>> = {
  GB: {
    en: 'United Kingdom',
    de: 'Vereinigtes Königreich',
    fr: 'Royaume-Uni',
    nl: 'Verenigd Koninkrijk',
    es: 'Reino Unido',
  },
  IE: { en: 'Ireland', de: 'Irland', fr: 'Irlande', nl: 'Ierland', es: 'Irlanda' },
  US: { en: 'USA', de: 'USA', fr: 'États-Unis', nl: 'Verenigde Staten', es: 'Estados Unidos' },
  DE: { en: 'Germany', de: 'Deutschland', fr: 'Allemagne', nl: 'Duitsland', es: 'Alemania' },
  AT: { en: 'Austria', de: 'Österreich', fr: 'Autriche', nl: 'Oostenrijk', es: 'Austria' },
  CH: { en: 'Switzerland', de: 'Schweiz', fr: 'Suisse', nl: 'Zwitserland', es: 'Suiza' },
  FR: { en: 'France', de: 'Frankreich', fr: 'France', nl: 'Frankrijk', es: 'Francia' },
  BE: { en: 'Belgium', de: 'Belgien', fr: 'Belgique', nl: 'België', es: 'Bélgica' },
  NL: { en: 'Netherlands', de: 'Niederlande', fr: 'Pays-Bas', nl: 'Nederland', es: 'Países Bajos' },
  ES: { en: 'Spain', de: 'Spanien', fr: 'Espagne', nl: 'Spanje', es: 'España' },
};

export function countryName(country: Country, language: InvoiceLanguage): string {
  return COUNTRY_NAMES[country][language];
}

/** The part of a name a web address would use: "Müller Haustechnik GmbH" → "mueller-haustechnik". */
export function domainStem(name: string): string {
  const words = name
    .replace(/ä/gi, 'ae')
    .replace(/ö/gi, 'oe')
    .replace(/ü/gi, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const legal = new Set([
    'gmbh',
    'ag',
    'kg',
    'co',
    'ek',
    'ohg',
    'ug',
    'ltd',
    'limited',
    'llp',
    'plc',
    'inc',
    'llc',
    'corp',
    'dac',
    'sarl',
    'sas',
    'sa',
    'eurl',
    'sasu',
    'srl',
    'bv',
    'nv',
    'sprl',
    'bvba',
    'vof',
    'sl',
    'slu',
    'scoop',
    'b',
    'v',
    'n',
    'o',
    'f',
    's',
    'l',
    'u',
    'e',
    'gesmbh',
    'teoranta',
    'haftungsbeschrankt',
  ]);
  const kept = words.filter((w) => !legal.has(w));
  return (kept.length ? kept : words).slice(0, 3).join('-');
}
