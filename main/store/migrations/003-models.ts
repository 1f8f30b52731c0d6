// The model registry: every installed version of every model, which one is active per model, and the
// history of activations (a stack that roll-back pops).
export const models = {
  version: 3,
  name: 'models',
  sql: /* sql */ `
-- Several models share a task (an intent router and a contract-type classifier are both text
-- classifiers): the active version is per model, not per task.
DROP INDEX models_one_active_per_task;
CREATE UNIQUE INDEX models_one_active_per_model ON models(model_id) WHERE active = 1;
ALTER TABLE models ADD COLUMN format TEXT NOT NULL DEFAULT 'docket' CHECK (format IN ('docket', 'transformers.js'));
ALTER TABLE models ADD COLUMN size_bytes INTEGER NOT NULL DEFAULT 0;

CREATE TABLE model_activations (
  id INTEGER PRIMARY KEY,
  model_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  actor TEXT NOT NULL,
  -- 1 once a roll-back has undone this activation
  undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX model_activations_model ON model_activations(model_id, undone);
`,
};
