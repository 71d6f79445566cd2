import os from 'node:os';
import path from 'node:path';

/**
 * Where IT puts machine policy and where the user's settings live, per platform. Policy sits in a folder ordinary
 * users cannot write on a managed desktop.
 */
export function configPaths(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = os.homedir(),
): { policyFile: string; userFile: string } {
  const name = 'GP Connect Workstation';
  if (platform === 'win32') {
    const programData = env['ProgramData'] ?? 'C:\\ProgramData';
    const appData = env['APPDATA'] ?? path.win32.join(home, 'AppData', 'Roaming');
    return {
      policyFile: path.win32.join(programData, name, 'policy.json'),
      userFile: path.win32.join(appData, name, 'settings.json'),
    };
  }
  if (platform === 'darwin') {
    return {
      policyFile: path.posix.join('/Library/Application Support', name, 'policy.json'),
      userFile: path.posix.join(home, 'Library/Application Support', name, 'settings.json'),
    };
  }
  const configHome = env['XDG_CONFIG_HOME'] ?? path.posix.join(home, '.config');
  return {
    policyFile: '/etc/gp-connect-workstation/policy.json',
    userFile: path.posix.join(configHome, 'gp-connect-workstation', 'settings.json'),
  };
}
