// What invoices and receipts sell, per language: goods and services with their unit and a price range,
// and the details that make a description run over several lines.
import type { InvoiceLanguage } from '../../../main/invoices/types.ts';
import type { Random } from './random.ts';

export type UnitKind = 'piece' | 'hour' | 'day' | 'kg' | 'metre' | 'flat' | 'month' | 'litre';

export interface CatalogItem {
  name: string;
  unit: UnitKind;
  /** Unit price range in whole currency units. */
  price: [number, number];
  /** Food and books: taxed at a reduced rate where the country has one. */
  reduced?: boolean;
}

const UNITS: Record<InvoiceLanguage, Record<UnitKind, readonly string[]>> = {
  en: {
    piece: ['pcs', 'ea', 'unit', 'pc'],
    hour: ['h', 'hrs', 'hour'],
    day: ['day', 'days'],
    kg: ['kg'],
    metre: ['m'],
    flat: ['flat', 'lump sum', 'item'],
    month: ['month', 'mo'],
    litre: ['l', 'ltr'],
  },
  de: {
    piece: ['Stk.', 'Stück', 'St.'],
    hour: ['Std.', 'h', 'Stunden'],
    day: ['Tag', 'Tage', 'PT'],
    kg: ['kg'],
    metre: ['m', 'lfm'],
    flat: ['pauschal', 'psch.', 'Pausch.'],
    month: ['Monat', 'Mon.'],
    litre: ['l', 'Ltr.'],
  },
  fr: {
    piece: ['pce', 'u', 'unité', 'pièce'],
    hour: ['h', 'heure'],
    day: ['jour', 'j'],
    kg: ['kg'],
    metre: ['m', 'ml'],
    flat: ['forfait', 'ens.'],
    month: ['mois'],
    litre: ['l', 'L'],
  },
  nl: {
    piece: ['st.', 'stuks', 'stuk'],
    hour: ['uur', 'u'],
    day: ['dag', 'dagen'],
    kg: ['kg'],
    metre: ['m', 'mtr'],
    flat: ['vast', 'post'],
    month: ['maand', 'mnd'],
    litre: ['l', 'ltr'],
  },
  es: {
    piece: ['ud.', 'uds.', 'unid.', 'u.'],
    hour: ['h', 'hora', 'horas'],
    day: ['día', 'días'],
    kg: ['kg'],
    metre: ['m', 'ml'],
    flat: ['global', 'tanto alzado'],
    month: ['mes'],
    litre: ['l', 'L'],
  },
};

const GOODS: Record<InvoiceLanguage, readonly CatalogItem[]> = {
  en: [
    { name: 'Consulting services', unit: 'hour', price: [65, 180] },
    { name: 'Software development', unit: 'hour', price: [70, 150] },
    { name: 'On-site support', unit: 'day', price: [450, 950] },
    { name: 'Website maintenance', unit: 'month', price: [80, 400] },
    { name: 'A4 copier paper, 80 gsm (box of 5 reams)', unit: 'piece', price: [18, 35] },
    { name: 'Toner cartridge, black', unit: 'piece', price: [45, 120] },
    { name: 'Copper pipe 15 mm', unit: 'metre', price: [4, 12] },
    { name: 'Installation labour', unit: 'hour', price: [35, 75] },
    { name: 'Delivery and handling', unit: 'flat', price: [10, 60] },
    { name: 'LED panel light 600x600', unit: 'piece', price: [25, 80] },
    { name: 'Network switch, 24 ports', unit: 'piece', price: [120, 420] },
    { name: 'Office cleaning', unit: 'month', price: [300, 1200] },
    { name: 'Graphic design: brochure layout', unit: 'flat', price: [250, 1500] },
    { name: 'Catering: lunch buffet', unit: 'piece', price: [12, 28], reduced: true },
    { name: 'Training workshop', unit: 'day', price: [600, 1800] },
    { name: 'Annual software licence', unit: 'piece', price: [90, 900] },
    { name: 'Pallet transport', unit: 'piece', price: [40, 160] },
    { name: 'Technical manual (printed)', unit: 'piece', price: [15, 60], reduced: true },
  ],
  de: [
    { name: 'Beratungsleistung', unit: 'hour', price: [70, 180] },
    { name: 'Softwareentwicklung', unit: 'hour', price: [75, 150] },
    { name: 'Wartung Heizungsanlage', unit: 'flat', price: [120, 480] },
    { name: 'Monteurstunden', unit: 'hour', price: [45, 85] },
    { name: 'Kupferrohr 15 mm', unit: 'metre', price: [4, 12] },
    { name: 'Montagematerial', unit: 'flat', price: [15, 90] },
    { name: 'Anfahrtspauschale', unit: 'flat', price: [25, 70] },
    { name: 'Kopierpapier A4, 80 g/m², 500 Blatt', unit: 'piece', price: [4, 9] },
    { name: 'Tonerkartusche schwarz', unit: 'piece', price: [45, 120] },
    { name: 'Gebäudereinigung', unit: 'month', price: [350, 1400] },
    { name: 'LED-Deckenleuchte 60x60', unit: 'piece', price: [30, 90] },
    { name: 'Netzwerk-Switch 24 Port', unit: 'piece', price: [120, 420] },
    { name: 'Schulung vor Ort', unit: 'day', price: [650, 1600] },
    { name: 'Softwarelizenz (12 Monate)', unit: 'piece', price: [90, 900] },
    { name: 'Palettentransport', unit: 'piece', price: [45, 160] },
    { name: 'Bewirtung: Mittagsbuffet', unit: 'piece', price: [12, 29], reduced: true },
    { name: 'Fachbuch Steuerrecht', unit: 'piece', price: [25, 90], reduced: true },
    { name: 'Entsorgung Altmaterial', unit: 'kg', price: [1, 4] },
  ],
  fr: [
    { name: 'Prestation de conseil', unit: 'hour', price: [70, 180] },
    { name: 'Développement logiciel', unit: 'day', price: [450, 900] },
    { name: "Main-d'œuvre", unit: 'hour', price: [40, 80] },
    { name: 'Entretien chaudière', unit: 'flat', price: [110, 350] },
    { name: 'Tube cuivre 14 mm', unit: 'metre', price: [4, 12] },
    { name: 'Frais de déplacement', unit: 'flat', price: [25, 80] },
    { name: 'Ramette papier A4 80 g', unit: 'piece', price: [4, 9] },
    { name: 'Cartouche de toner noir', unit: 'piece', price: [45, 120] },
    { name: 'Nettoyage des locaux', unit: 'month', price: [300, 1300] },
    { name: 'Dalle LED 600x600', unit: 'piece', price: [28, 85] },
    { name: 'Formation sur site', unit: 'day', price: [600, 1500] },
    { name: 'Licence logicielle annuelle', unit: 'piece', price: [90, 900] },
    { name: 'Transport palette', unit: 'piece', price: [45, 160] },
    { name: 'Plateau repas', unit: 'piece', price: [12, 25], reduced: true },
    { name: 'Conception graphique plaquette', unit: 'flat', price: [300, 1600] },
    { name: 'Ouvrage technique', unit: 'piece', price: [20, 70], reduced: true },
  ],
  nl: [
    { name: 'Advieswerkzaamheden', unit: 'hour', price: [70, 170] },
    { name: 'Softwareontwikkeling', unit: 'hour', price: [70, 140] },
    { name: 'Arbeidsloon monteur', unit: 'hour', price: [45, 80] },
    { name: 'Onderhoud cv-ketel', unit: 'flat', price: [90, 250] },
    { name: 'Koperen buis 15 mm', unit: 'metre', price: [4, 12] },
    { name: 'Voorrijkosten', unit: 'flat', price: [25, 65] },
    { name: 'Kopieerpapier A4 80 grams', unit: 'piece', price: [4, 9] },
    { name: 'Tonercartridge zwart', unit: 'piece', price: [45, 120] },
    { name: 'Schoonmaakwerkzaamheden', unit: 'month', price: [300, 1200] },
    { name: 'LED-paneel 60x60', unit: 'piece', price: [28, 85] },
    { name: 'Training op locatie', unit: 'day', price: [600, 1500] },
    { name: 'Softwarelicentie jaarabonnement', unit: 'piece', price: [90, 900] },
    { name: 'Palletvervoer', unit: 'piece', price: [45, 160] },
    { name: 'Lunch catering', unit: 'piece', price: [12, 25], reduced: true },
    { name: 'Vakboek boekhouding', unit: 'piece', price: [20, 70], reduced: true },
  ],
  es: [
    { name: 'Servicios de consultoría', unit: 'hour', price: [60, 160] },
    { name: 'Desarrollo de software', unit: 'hour', price: [50, 120] },
    { name: 'Mano de obra', unit: 'hour', price: [30, 60] },
    { name: 'Mantenimiento caldera', unit: 'flat', price: [90, 300] },
    { name: 'Tubo de cobre 15 mm', unit: 'metre', price: [4, 12] },
    { name: 'Desplazamiento', unit: 'flat', price: [20, 60] },
    { name: 'Papel A4 80 g (paquete 500 hojas)', unit: 'piece', price: [4, 9] },
    { name: 'Cartucho de tóner negro', unit: 'piece', price: [45, 120] },
    { name: 'Servicio de limpieza', unit: 'month', price: [300, 1100] },
    { name: 'Panel LED 60x60', unit: 'piece', price: [28, 85] },
    { name: 'Formación presencial', unit: 'day', price: [500, 1400] },
    { name: 'Licencia de software anual', unit: 'piece', price: [90, 900] },
    { name: 'Transporte de palé', unit: 'piece', price: [40, 150] },
    { name: 'Menú del día', unit: 'piece', price: [11, 22], reduced: true },
    { name: 'Libro técnico', unit: 'piece', price: [20, 70], reduced: true },
  ],
};

const RETAIL: Record<InvoiceLanguage, readonly CatalogItem[]> = {
  en: [
    { name: 'Coffee', unit: 'piece', price: [2, 4], reduced: true },
    { name: 'Latte', unit: 'piece', price: [3, 5], reduced: true },
    { name: 'Croissant', unit: 'piece', price: [2, 3], reduced: true },
    { name: 'Sandwich', unit: 'piece', price: [4, 8], reduced: true },
    { name: 'Orange juice', unit: 'piece', price: [2, 5], reduced: true },
    { name: 'Still water 0.5l', unit: 'piece', price: [1, 3], reduced: true },
    { name: 'Muffin', unit: 'piece', price: [2, 4], reduced: true },
    { name: 'Milk 1l', unit: 'piece', price: [1, 2], reduced: true },
    { name: 'Apples', unit: 'kg', price: [2, 4], reduced: true },
    { name: 'Batteries AA 4pk', unit: 'piece', price: [4, 9] },
    { name: 'Notebook A5', unit: 'piece', price: [2, 6] },
    { name: 'Screws 4x40 (100)', unit: 'piece', price: [3, 8] },
  ],
  de: [
    { name: 'Kaffee', unit: 'piece', price: [2, 4], reduced: true },
    { name: 'Cappuccino', unit: 'piece', price: [3, 5], reduced: true },
    { name: 'Croissant', unit: 'piece', price: [1, 3], reduced: true },
    { name: 'Brezel', unit: 'piece', price: [1, 2], reduced: true },
    { name: 'Mineralwasser 0,5l', unit: 'piece', price: [1, 3], reduced: true },
    { name: 'Apfelschorle', unit: 'piece', price: [2, 4], reduced: true },
    { name: 'Vollkornbrot', unit: 'piece', price: [3, 5], reduced: true },
    { name: 'Milch 1l', unit: 'piece', price: [1, 2], reduced: true },
    { name: 'Äpfel', unit: 'kg', price: [2, 4], reduced: true },
    { name: 'Batterien AA 4er', unit: 'piece', price: [4, 9] },
    { name: 'Schreibblock A5', unit: 'piece', price: [2, 5] },
    { name: 'Schrauben 4x40 (100 St.)', unit: 'piece', price: [3, 8] },
  ],
  fr: [
    { name: 'Café', unit: 'piece', price: [1, 3], reduced: true },
    { name: 'Café crème', unit: 'piece', price: [2, 4], reduced: true },
    { name: 'Croissant', unit: 'piece', price: [1, 2], reduced: true },
    { name: 'Pain au chocolat', unit: 'piece', price: [1, 2], reduced: true },
    { name: 'Baguette tradition', unit: 'piece', price: [1, 2], reduced: true },
    { name: 'Eau minérale 50cl', unit: 'piece', price: [1, 3], reduced: true },
    { name: "Jus d'orange", unit: 'piece', price: [2, 5], reduced: true },
    { name: 'Pommes', unit: 'kg', price: [2, 4], reduced: true },
    { name: 'Piles AA x4', unit: 'piece', price: [4, 9] },
    { name: 'Cahier A5', unit: 'piece', price: [2, 5] },
  ],
  nl: [
    { name: 'Koffie', unit: 'piece', price: [2, 4], reduced: true },
    { name: 'Cappuccino', unit: 'piece', price: [3, 5], reduced: true },
    { name: 'Broodje kaas', unit: 'piece', price: [3, 6], reduced: true },
    { name: 'Appeltaart', unit: 'piece', price: [3, 5], reduced: true },
    { name: 'Spa blauw', unit: 'piece', price: [2, 3], reduced: true },
    { name: 'Tosti ham kaas', unit: 'piece', price: [3, 6], reduced: true },
    { name: 'Melk 1l', unit: 'piece', price: [1, 2], reduced: true },
    { name: 'Appels', unit: 'kg', price: [2, 4], reduced: true },
    { name: 'Batterijen AA 4st', unit: 'piece', price: [4, 9] },
    { name: 'Schrift A5', unit: 'piece', price: [2, 5] },
  ],
  es: [
    { name: 'Café con leche', unit: 'piece', price: [1, 3], reduced: true },
    { name: 'Cortado', unit: 'piece', price: [1, 2], reduced: true },
    { name: 'Tostada', unit: 'piece', price: [2, 4], reduced: true },
    { name: 'Croissant', unit: 'piece', price: [1, 3], reduced: true },
    { name: 'Agua mineral 50cl', unit: 'piece', price: [1, 2], reduced: true },
    { name: 'Zumo de naranja', unit: 'piece', price: [2, 4], reduced: true },
    { name: 'Bocadillo de jamón', unit: 'piece', price: [3, 6], reduced: true },
    { name: 'Caña', unit: 'piece', price: [2, 3] },
    { name: 'Manzanas', unit: 'kg', price: [2, 4], reduced: true },
    { name: 'Pilas AA 4 uds.', unit: 'piece', price: [4, 9] },
  ],
};

const DETAILS: Record<InvoiceLanguage, readonly string[]> = {
  en: [
    'Period: {from} – {to}',
    'As per quote {ref}',
    'Project {project}',
    'Incl. setup and documentation',
    'Delivery note {ref}',
    'Site: {project} office',
  ],
  de: [
    'Leistungszeitraum: {from} – {to}',
    'gemäß Angebot {ref}',
    'Projekt {project}',
    'inkl. Einrichtung und Dokumentation',
    'Lieferschein {ref}',
    'Einsatzort: Niederlassung {project}',
  ],
  fr: [
    'Période du {from} au {to}',
    'Selon devis {ref}',
    'Projet {project}',
    'Installation et documentation comprises',
    'Bon de livraison {ref}',
    'Site : agence {project}',
  ],
  nl: [
    'Periode: {from} – {to}',
    'Volgens offerte {ref}',
    'Project {project}',
    'Incl. installatie en documentatie',
    'Pakbon {ref}',
    'Locatie: vestiging {project}',
  ],
  es: [
    'Periodo: {from} – {to}',
    'Según presupuesto {ref}',
    'Proyecto {project}',
    'Incluye instalación y documentación',
    'Albarán {ref}',
    'Obra: delegación {project}',
  ],
};

export function catalogItem(language: InvoiceLanguage, retail: boolean, rng: Random): CatalogItem {
  return rng.pick((retail ? RETAIL : GOODS)[language]);
}

export function unitName(language: InvoiceLanguage, kind: UnitKind, rng: Random): string {
  return rng.pick(UNITS[language][kind]);
}

/** A detail line template for a description ({from} {to} {ref} {project} to fill). */
export function detailTemplate(language: InvoiceLanguage, rng: Random): string {
  return rng.pick(DETAILS[language]);
}
