// The window's areas, in navigation order. Each says what will appear in it and how it gets there.
export interface Area {
  id: string;
  label: string;
  /** Shortcut: Alt + this digit. */
  key: string;
  heading: string;
  emptyTitle: string;
  emptyBody: string;
}

export const areas: readonly Area[] = [
  {
    id: 'inbox',
    label: 'Review inbox',
    key: '1',
    heading: 'Review inbox',
    emptyTitle: 'Nothing to review',
    emptyBody:
      'Whatever Docket is unsure about waits here for you: invoice fields below their confidence threshold, tickets without a queue, contacts without tags. You will move through it with j and k and accept with Enter.',
  },
  {
    id: 'documents',
    label: 'Documents',
    key: '2',
    heading: 'Documents',
    emptyTitle: 'No documents yet',
    emptyBody:
      'Every file you import appears here with its pages and text, and becomes searchable. Import a folder from Imports, or drop files on this window.',
  },
  {
    id: 'invoices',
    label: 'Invoices',
    key: '3',
    heading: 'Invoices and receipts',
    emptyTitle: 'No invoices yet',
    emptyBody:
      'Invoices and receipts found among your documents appear here with vendor, number, date and total. Fields Docket is unsure of are highlighted for you to check.',
  },
  {
    id: 'tickets',
    label: 'Tickets',
    key: '4',
    heading: 'Tickets',
    emptyTitle: 'No tickets yet',
    emptyBody:
      "Import your help desk's CSV export or emails, and each ticket appears here with its predicted queue and priority. Docket learns your queues from the history you import and from each correction.",
  },
  {
    id: 'crm',
    label: 'CRM',
    key: '5',
    heading: 'CRM records',
    emptyTitle: 'No CRM records yet',
    emptyBody:
      'Import contacts, accounts and notes from your CRM as CSV or XLSX. They appear here tagged with your own taxonomy, with likely duplicates flagged.',
  },
  {
    id: 'imports',
    label: 'Imports',
    key: '6',
    heading: 'Imports',
    emptyTitle: 'No imports running',
    emptyBody:
      'Choose a folder or drop files to import them. Progress (files done, pages per second, time left) and every file that could not be read, with its reason, appear here.',
  },
  {
    id: 'models',
    label: 'Models',
    key: '7',
    heading: 'Models',
    emptyTitle: 'No models installed yet',
    emptyBody:
      'The models that classify and extract appear here with their version, training data, held-out accuracy and thresholds. They run on this machine; nothing is sent anywhere.',
  },
  {
    id: 'settings',
    label: 'Settings',
    key: '8',
    heading: 'Settings',
    emptyTitle: '',
    emptyBody: '',
  },
];

export const defaultArea = 'inbox';

export function areaFromHash(hash: string): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?&]/)[0] ?? '';
  return areas.some((a) => a.id === id) ? id : defaultArea;
}
