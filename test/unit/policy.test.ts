// Machine policy set by IT: read from the file DOCKET_POLICY_FILE names or the platform's machine-wide
// place; no file means nothing is forbidden, a file that cannot be understood forbids everything.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyFilePath, readPolicy } from '../../main/core/policy.ts';
import { useTempDirs } from '../helpers/temp.ts';

describe('readPolicy', () => {
  const tempDir = useTempDirs();
  const policyFile = (content: string) => {
    const file = join(tempDir(), 'policy.json');
    writeFileSync(file, content);
    return file;
  };

  it('forbids escalation when the file says so, and allows it when the file says not', () => {
    expect(readPolicy({ DOCKET_POLICY_FILE: policyFile('{"forbidEscalation": true}') })).toMatchObject({
      forbidEscalation: true,
    });
    const file = policyFile('{"forbidEscalation": false, "someFutureKey": 1}');
    expect(readPolicy({ DOCKET_POLICY_FILE: file })).toEqual({ forbidEscalation: false, file });
    expect(readPolicy({ DOCKET_POLICY_FILE: policyFile('{}') }).forbidEscalation).toBe(false);
  });

  it('forbids nothing when there is no policy file', () => {
    expect(readPolicy({ DOCKET_POLICY_FILE: join(tempDir(), 'absent.json') })).toEqual({
      forbidEscalation: false,
      file: null,
    });
    // No variable: the machine-wide place, which a test machine does not have.
    if (!existsSync('/etc/docket/policy.json')) expect(readPolicy({}, 'linux')).toMatchObject({ file: null });
  });

  it('forbids everything, and says why, when the file cannot be understood', () => {
    for (const [content, why] of [
      ['{"forbidEscalation": tru', /not valid JSON/],
      ['[true]', /does not hold a JSON object/],
      ['null', /does not hold a JSON object/],
      ['{"forbidEscalation": "no"}', /must be true or false/],
      ['', /not valid JSON/],
    ] as const) {
      const policy = readPolicy({ DOCKET_POLICY_FILE: policyFile(content) });
      expect(policy.forbidEscalation, content).toBe(true);
      expect(policy.problem, content).toMatch(why);
    }
  });

  it('forbids everything when the file exists but cannot be read', () => {
    const dir = join(tempDir(), 'policy.json');
    mkdirSync(dir); // a folder where the file should be: EISDIR
    const policy = readPolicy({ DOCKET_POLICY_FILE: dir });
    expect(policy.forbidEscalation).toBe(true);
    expect(policy.problem).toMatch(/cannot be read \(EISDIR\)/);
    if (process.getuid?.() !== 0) {
      const file = policyFile('{"forbidEscalation": false}');
      chmodSync(file, 0o000);
      expect(readPolicy({ DOCKET_POLICY_FILE: file }).forbidEscalation).toBe(true);
    }
  });

  it('looks in each platform’s machine-wide place', () => {
    expect(policyFilePath({}, 'linux')).toBe('/etc/docket/policy.json');
    expect(policyFilePath({}, 'darwin')).toBe('/Library/Application Support/Docket/policy.json');
    expect(policyFilePath({ ProgramData: 'D:\\ProgramData' }, 'win32')).toBe(
      'D:\\ProgramData\\Docket\\policy.json',
    );
    expect(policyFilePath({}, 'win32')).toBe('C:\\ProgramData\\Docket\\policy.json');
    expect(policyFilePath({ DOCKET_POLICY_FILE: '/tmp/p.json' }, 'win32')).toBe('/tmp/p.json');
  });
});
