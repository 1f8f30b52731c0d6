// The models Docket ships, each rebuilt from ../shared/datasets by `npm run models:build`. Only datasets
// whose licences allow commercial use with attribution are used, and every card names them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readLabelledRows, readRecords } from '../../main/engine/datasets/labelled-rows.ts';
import type { DatasetCredit } from '../../main/engine/model-card.ts';
import { CONTRACT_HEAD_CHARS } from '../../main/engine/shipped-models.ts';
import type { TextExample, TextTrainingOptions } from '../../main/engine/text/train-text.ts';

export const DATASETS = join(import.meta.dirname, '../../../shared/datasets');

export interface Recipe {
  id: string;
  description: string;
  data: DatasetCredit[];
  options: TextTrainingOptions;
  load(): Promise<TextExample[]>;
}

/** CUAD's folder names, made readable and merged where two folders hold one type. */
const CONTRACT_TYPE_NAMES: Record<string, string> = {
  'Endorsement Agreement': 'Endorsement',
  License_Agreements: 'License',
  'Agency Agreements': 'Agency',
  'Consulting Agreements': 'Consulting',
  Affiliate_Agreements: 'Affiliate',
  Co_Branding: 'Co-Branding',
  Non_Compete_Non_Solicit: 'Non-Compete / Non-Solicit',
  'Joint Venture _ Filing': 'Joint Filing',
};

export const recipes: Recipe[] = [
  {
    id: 'support-intent',
    description: 'Customer-support intent router: 77 banking intents (card, transfer, top-up, refund, …).',
    data: [
      {
        name: 'banking77',
        licence: 'CC BY 4.0',
        attribution:
          'Casanueva, Temčinas, Gerz, Henderson, Vulić (2020), Efficient Intent Detection with Dual Sentence Encoders, PolyAI.',
        url: 'https://github.com/PolyAI-LDN/task-specific-datasets',
      },
    ],
    options: { seed: 1 },
    load: async () =>
      (await readLabelledRows(join(DATASETS, 'banking77/train.csv'), { text: 'text', label: 'category' }))
        .examples,
  },
  {
    id: 'contract-type',
    description: 'Contract type from the opening of a contract (25 types: license, supply, distributor, …).',
    data: [
      {
        name: 'CUAD v1 (contract types)',
        licence: 'CC BY 4.0',
        attribution:
          'Hendrycks, Burns, Chen, Ball (2021), CUAD: An Expert-Annotated NLP Dataset for Legal Contract Review, The Atticus Project.',
        url: 'https://www.atticusprojectai.org/cuad',
      },
    ],
    options: { seed: 1, heldOutFraction: 0.2, patience: 5 },
    load: async () => {
      const { records } = await readRecords(join(DATASETS, 'cuad/contract_types.csv'));
      const examples: TextExample[] = [];
      for (const r of records) {
        const file = String(r.txt_filename ?? '');
        const folder = String(r.contract_type_folder ?? '').trim();
        const type = CONTRACT_TYPE_NAMES[folder] ?? folder;
        if (!file || !type) continue;
        const text = await readFile(join(DATASETS, 'cuad/txt', file), 'utf8').catch(() => '');
        if (text.trim()) examples.push({ text: text.slice(0, CONTRACT_HEAD_CHARS), labels: [type] });
      }
      return examples;
    },
  },
];
