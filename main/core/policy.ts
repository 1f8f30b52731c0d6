// Machine policy set by IT: a JSON file in the machine-wide location (or the file DOCKET_POLICY_FILE
// names) that can forbid features an admin could otherwise turn on, such as escalation to an outside
// endpoint. Users cannot override it from the app.
import { readFileSync } from 'node:fs';
import { win32 } from 'node:path';

export interface Policy {
  /** Items may not be sent to an escalation endpoint, whatever the app's settings say. */
  forbidEscalation: boolean;
  /** The policy file read (null when there is none). */
  file: string | null;
  /** Why the policy file could not be used, when it could not (everything is then forbidden). */
  problem?: string;
}

/** Where IT puts the policy file on this platform, unless DOCKET_POLICY_FILE names another. */
export function policyFilePath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.DOCKET_POLICY_FILE) return env.DOCKET_POLICY_FILE;
  if (platform === 'win32')
    return win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'Docket', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Docket/policy.json';
  return '/etc/docket/policy.json';
}

export function readPolicy(env: NodeJS.ProcessEnv = process.env, platform = process.platform): Policy {
  const file = policyFilePath(env, platform);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // No file: IT has set no policy, so nothing is forbidden.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { forbidEscalation: false, file: null };
    return forbidAll(file, `the policy file ${file} cannot be read (${code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return forbidAll(file, `the policy file ${file} is not valid JSON`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return forbidAll(file, `the policy file ${file} does not hold a JSON object`);
  const value = (json as Record<string, unknown>).forbidEscalation;
  if (value !== undefined && typeof value !== 'boolean')
    return forbidAll(file, `"forbidEscalation" in ${file} must be true or false`);
  // Keys this version does not know are ignored: a policy written for a newer Docket still applies.
  return { forbidEscalation: value === true, file };
}

// A file that exists but cannot be understood was put there by IT to restrict something; guessing
// "nothing forbidden" could send data where IT said it must not go, so everything is forbidden until
// the file is fixed (fail closed), and the problem is reported.
function forbidAll(file: string, problem: string): Policy {
  return { forbidEscalation: true, file, problem: `${problem[0]!.toUpperCase()}${problem.slice(1)}.` };
}
