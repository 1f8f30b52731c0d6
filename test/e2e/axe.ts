// The accessibility check every e2e spec runs: serious and critical axe violations, as readable lines.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Checked once dialogs have finished fading in: half-faded colours are not what anyone reads.
  await expect
    .poll(() => page.evaluate('document.getAnimations().filter((a) => a.playState === "running").length'))
    .toBe(0);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
