// `docket eval text --model DIR --data FILE --text COL --label COL [--multi-label --label-sep SEP]
// [--oos-label LABEL] --json`: scores a model folder on labelled rows through ONNX Runtime.
import { readLabelledRows } from '../../engine/datasets/labelled-rows.ts';
import { TextSession } from '../../engine/runtime/text-session.ts';
import { evaluateTextModel } from '../../engine/text/evaluate-text.ts';
import { percent, printResult } from '../output.ts';
import { openEmbedder } from '../../engine/text/embedder.ts';

export interface EvalTextOptions {
  model: string;
  data: string;
  text: string;
  label: string;
  multiLabel: boolean;
  labelSep?: string;
  oosLabel?: string;
  embedder?: string;
  json: boolean;
}

export async function evalText(o: EvalTextOptions): Promise<void> {
  const embedder = o.embedder ? await openEmbedder(o.embedder!) : undefined;
  const session = await TextSession.open(o.model, { embedder });
  if (o.multiLabel !== session.card.multiLabel) {
    process.stderr.write(
      `docket: note: the model is ${session.card.multiLabel ? '' : 'not '}multi-label; its rows are read that way.\n`,
    );
  }
  try {
    const { examples } = await readLabelledRows(o.data, {
      text: o.text,
      label: o.label,
      // The model decides: a multi-label model's rows may hold several labels, another's one each.
      multiLabel: session.card.multiLabel,
      labelSeparator: o.labelSep,
    });
    const r = await evaluateTextModel(
      session,
      examples,
      o.oosLabel === undefined ? {} : { oosLabel: o.oosLabel },
    );
    const { confusion: _confusion, labels: _labels, ...printed } = r;
    printResult(o.json, printed, () =>
      [
        `Rows          ${r.n}`,
        `Accuracy      ${percent(r.accuracy)}`,
        `Macro-F1      ${percent(r.macroF1)}`,
        r.microF1 === undefined ? '' : `Micro-F1      ${percent(r.microF1)}`,
        `Calibration   ECE ${percent(r.ece)}`,
        `Answered      ${percent(r.coverage)} of rows, ${percent(r.coveredAccuracy)} of them right`,
        r.inScopeAccuracy === undefined ? '' : `In scope      ${percent(r.inScopeAccuracy)} right`,
        r.oosRecall === undefined ? '' : `Out of scope  ${percent(r.oosRecall)} recognised`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  } finally {
    await session.release();
    await embedder?.dispose();
  }
}
