// The model registry: installed model versions live in `<db>.models/<id>/<version>/` (a copy, so the
// registry never depends on where a folder was imported from) and in the `models` table. One version per
// model is active; activations form a stack, and roll-back pops it back to the version active before.
import { cp, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DocketError } from '../api/errors.ts';
import { appendAudit } from '../store/audit.ts';
import { MODEL_ID_PATTERN, type ModelCard } from './model-card.ts';
import { CARD_FILE, ModelError, loadModelFolder, sha256Hex } from './model-folder.ts';
import { describeTransformersFolder, isTransformersFolder } from './transformers-card.ts';
import { isDocketModelFolder } from './transformers/folder.ts';

export type ModelFormat = 'docket' | 'transformers.js';

export interface InstalledModel {
  id: number;
  modelId: string;
  version: number;
  task: string;
  format: ModelFormat;
  active: boolean;
  installedAt: string;
  sizeBytes: number;
  path: string;
  card: ModelCard;
}

interface Row {
  id: number;
  model_id: string;
  version: number;
  task: string;
  format: ModelFormat;
  active: number;
  created_at: string;
  size_bytes: number;
  path: string;
  card: string;
}

export function modelsDirFor(databasePath: string): string {
  return `${databasePath}.models`;
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export class ModelRegistry {
  private readonly db: Database;
  readonly root: string;

  constructor(db: Database, databasePath: string) {
    this.db = db;
    this.root = modelsDirFor(databasePath);
  }

  private toModel(row: Row): InstalledModel {
    return {
      id: row.id,
      modelId: row.model_id,
      version: row.version,
      task: row.task,
      format: row.format,
      active: row.active === 1,
      installedAt: row.created_at,
      sizeBytes: row.size_bytes,
      path: resolve(this.root, row.path),
      card: JSON.parse(row.card) as ModelCard,
    };
  }

  list(modelId?: string): InstalledModel[] {
    const rows = (
      modelId
        ? this.db.prepare('SELECT * FROM models WHERE model_id = ? ORDER BY version DESC').all(modelId)
        : this.db.prepare('SELECT * FROM models ORDER BY model_id, version DESC').all()
    ) as Row[];
    return rows.map((r) => this.toModel(r));
  }

  get(modelId: string, version?: number): InstalledModel {
    const row = (
      version === undefined
        ? this.db
            .prepare('SELECT * FROM models WHERE model_id = ? ORDER BY active DESC, version DESC LIMIT 1')
            .get(modelId)
        : this.db.prepare('SELECT * FROM models WHERE model_id = ? AND version = ?').get(modelId, version)
    ) as Row | undefined;
    if (!row) {
      throw new DocketError(
        'NOT_FOUND',
        version === undefined
          ? `There is no model "${modelId}".`
          : `There is no version ${version} of model "${modelId}".`,
      );
    }
    return this.toModel(row);
  }

  /** The installed version with these model bytes (an embedder a classifier was trained with). */
  findBySha256(sha256: string): InstalledModel | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE sha256 = ? ORDER BY id LIMIT 1').get(sha256) as
      Row | undefined;
    return row ? this.toModel(row) : undefined;
  }

  active(modelId: string): InstalledModel | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE model_id = ? AND active = 1').get(modelId) as
      Row | undefined;
    return row ? this.toModel(row) : undefined;
  }

  /**
   * Installs a copy of a model folder (Docket or transformers.js format) as a new version. The first
   * version of a model becomes active; later ones when `activate` is set.
   */
  async install(
    source: string,
    options: {
      actor: string;
      activate?: boolean;
      modelId?: string;
      /** A model identical to an installed version is that version (a retraining on the same data). */
      reuseIdentical?: boolean;
    },
  ): Promise<InstalledModel> {
    const dir = resolve(source);
    let card: ModelCard;
    let format: ModelFormat;
    if (isDocketModelFolder(dir)) {
      card = (await loadModelFolder(dir)).card; // checks the sha256 before anything is copied
      format = 'docket';
    } else if (isTransformersFolder(dir)) {
      card = await describeTransformersFolder(dir, options.modelId);
      format = 'transformers.js';
    } else if (existsSync(join(dir, CARD_FILE))) {
      card = (await loadModelFolder(dir)).card; // says what is missing
      format = 'docket';
    } else {
      throw new ModelError(
        `${dir} is not a model folder: it needs model.onnx and card.json, or config.json, tokenizer.json and onnx/model.onnx.`,
      );
    }
    const modelId = options.modelId ?? card.id;
    if (!MODEL_ID_PATTERN.test(modelId)) {
      throw new ModelError(
        `"${modelId}" cannot be a model id: use lower-case letters, digits, ".", "_" or "-".`,
      );
    }

    // Copy into a staging folder first; the version is decided and the folder renamed into place in one
    // synchronous step, so two installs of the same model never share a folder.
    const staging = join(this.root, '.staging', randomUUID());
    await mkdir(dirname(staging), { recursive: true });
    await cp(dir, staging, { recursive: true });
    const sizeBytes = await folderSize(staging);

    const taken = this.db.prepare('SELECT sha256, version FROM models WHERE model_id = ?').all(modelId) as {
      sha256: string;
      version: number;
    }[];
    const same = taken.find((t) => t.sha256 === card.sha256);
    if (same) {
      rmSync(staging, { recursive: true, force: true });
      if (!options.reuseIdentical) {
        throw new DocketError(
          'CONFLICT',
          `This model is already installed as "${modelId}" version ${same.version}.`,
        );
      }
      if (options.activate) this.activate(modelId, same.version, options.actor);
      return this.get(modelId, same.version);
    }
    const version = taken.some((t) => t.version === card.version)
      ? Math.max(...taken.map((t) => t.version)) + 1
      : card.version;
    card = { ...card, id: modelId, version };
    const target = join(this.root, modelId, String(version));
    if (!target.startsWith(this.root + sep)) throw new ModelError(`"${modelId}" cannot be a model id.`);
    // A folder without a row is a leftover of an install that was interrupted: replace it.
    rmSync(target, { recursive: true, force: true });
    mkdirSync(dirname(target), { recursive: true });
    // transformers.js folders keep their own files only (a card.json would make them look like a Docket
    // model when exported and imported again); their card lives in the database.
    if (format === 'docket') writeFileSync(join(staging, CARD_FILE), `${JSON.stringify(card, null, 2)}\n`);
    renameSync(staging, target);

    let installed: number;
    try {
      installed = this.db.transaction(() => {
        const { lastInsertRowid } = this.db
          .prepare(
            `INSERT INTO models (model_id, version, task, card, path, sha256, format, size_bytes)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            modelId,
            version,
            card.task,
            JSON.stringify(card),
            relative(this.root, target),
            card.sha256,
            format,
            sizeBytes,
          );
        appendAudit(this.db, {
          actor: options.actor,
          action: 'models.install',
          subject: `${modelId}@${version}`,
          details: { from: dir, format },
        });
        if (options.activate || taken.length === 0) this.setActive(modelId, version, options.actor);
        return Number(lastInsertRowid);
      })();
    } catch (e) {
      rmSync(target, { recursive: true, force: true });
      throw e;
    }
    return this.toModel(this.db.prepare('SELECT * FROM models WHERE id = ?').get(installed) as Row);
  }

  private setActive(modelId: string, version: number, actor: string): void {
    this.db.prepare('UPDATE models SET active = 0 WHERE model_id = ? AND active = 1').run(modelId);
    this.db.prepare('UPDATE models SET active = 1 WHERE model_id = ? AND version = ?').run(modelId, version);
    this.db
      .prepare('INSERT INTO model_activations (model_id, version, actor) VALUES (?, ?, ?)')
      .run(modelId, version, actor);
  }

  activate(modelId: string, version: number, actor: string): InstalledModel {
    const model = this.get(modelId, version);
    if (model.active) return model;
    this.db.transaction(() => {
      this.setActive(modelId, version, actor);
      appendAudit(this.db, { actor, action: 'models.activate', subject: `${modelId}@${version}` });
    })();
    return this.get(modelId, version);
  }

  /** Back to the version that was active before the current one. */
  rollback(modelId: string, actor: string): InstalledModel {
    const current = this.active(modelId);
    if (!current)
      throw new DocketError('NOT_FOUND', `Model "${modelId}" has no active version to roll back from.`);
    const stack = this.db
      .prepare('SELECT id, version FROM model_activations WHERE model_id = ? AND undone = 0 ORDER BY id DESC')
      .all(modelId) as { id: number; version: number }[];
    const installed = new Set(this.list(modelId).map((m) => m.version));
    const undo: number[] = [];
    let previous: number | undefined;
    for (const entry of stack) {
      if (entry.version === current.version || !installed.has(entry.version)) {
        undo.push(entry.id);
        continue;
      }
      previous = entry.version;
      break;
    }
    if (previous === undefined) {
      throw new DocketError('CONFLICT', `Model "${modelId}" has no earlier version to roll back to.`);
    }
    const to = previous;
    this.db.transaction(() => {
      for (const id of undo) this.db.prepare('UPDATE model_activations SET undone = 1 WHERE id = ?').run(id);
      this.db.prepare('UPDATE models SET active = 0 WHERE model_id = ? AND active = 1').run(modelId);
      this.db.prepare('UPDATE models SET active = 1 WHERE model_id = ? AND version = ?').run(modelId, to);
      appendAudit(this.db, {
        actor,
        action: 'models.rollback',
        subject: modelId,
        details: { from: current.version, to },
      });
    })();
    return this.get(modelId, to);
  }

  /** Copies a version out as a folder that `install` (on this or another machine) accepts. */
  async export(modelId: string, version: number | undefined, out: string, actor: string): Promise<string> {
    const model = this.get(modelId, version);
    const target = resolve(out);
    if (existsSync(target) && (await readdir(target)).length > 0) {
      throw new DocketError('CONFLICT', `${target} already exists and is not empty.`);
    }
    await mkdir(target, { recursive: true });
    await cp(model.path, target, { recursive: true });
    appendAudit(this.db, {
      actor,
      action: 'models.export',
      subject: `${modelId}@${model.version}`,
      details: { to: target },
    });
    return target;
  }

  /** Deletes a version that is not active (activate or roll back first). */
  async remove(modelId: string, version: number, actor: string): Promise<void> {
    const model = this.get(modelId, version);
    if (model.active && this.list(modelId).length > 1) {
      throw new DocketError(
        'CONFLICT',
        `Version ${version} of "${modelId}" is active. Activate another version or roll back first, then delete it.`,
      );
    }
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM models WHERE id = ?').run(model.id);
      this.db
        .prepare('DELETE FROM model_activations WHERE model_id = ? AND version = ?')
        .run(modelId, version);
      appendAudit(this.db, { actor, action: 'models.delete', subject: `${modelId}@${version}` });
    })();
    await rm(model.path, { recursive: true, force: true });
  }

  /** Checks an installed version's files against its card (for a clear error before loading). */
  async verify(modelId: string, version?: number): Promise<InstalledModel> {
    const model = this.get(modelId, version);
    if (model.format === 'docket') await loadModelFolder(model.path);
    else {
      const bytes = await readFile(join(model.path, 'onnx', 'model.onnx')).catch(() => {
        throw new ModelError(`Model "${modelId}" version ${model.version} is missing onnx/model.onnx.`);
      });
      if (sha256Hex(bytes) !== model.card.sha256) {
        throw new ModelError(
          `Model "${modelId}" version ${model.version} is damaged: onnx/model.onnx does not match its sha256.`,
        );
      }
    }
    return model;
  }
}
