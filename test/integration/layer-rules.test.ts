import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of ARCHITECTURE.md, proven by planting wrong imports in each layer and linting them with the
 * project's own ESLint configuration (the same run `npm test` makes).
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    [
      'renderer/features/planted.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'Layer rule (renderer)',
    ],
    ['renderer/features/planted.ts', "import fs from 'fs';\nexport const x = fs;\n", 'Layer rule (renderer)'],
    [
      'renderer/planted.tsx',
      "import { createHandlers } from '../main/ipc/handlers';\nexport const x = createHandlers;\n",
      'Layer rule (renderer): renderer may not import main',
    ],
    [
      'renderer/planted.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
      'Layer rule (renderer)',
    ],
    ['shared/planted.ts', "import path from 'node:path';\nexport const x = path;\n", 'Layer rule (shared)'],
    ['shared/planted.ts', "import { app } from 'electron';\nexport const x = app;\n", 'Layer rule (shared)'],
    [
      'shared/planted.ts',
      "import { App } from '../renderer/App';\nexport const x = App;\n",
      'Layer rule (shared): shared may not import renderer',
    ],
    [
      'main/ipc/planted.ts',
      "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n",
      'Layer rule (main): only main/electron/',
    ],
    [
      'main/directory/planted.ts',
      "import { registerIpc } from '../electron/ipc-bridge';\nexport const x = registerIpc;\n",
      'Layer rule (main): main may not import main-electron',
    ],
    [
      'preload/planted.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'Layer rule (preload)',
    ],
    [
      'preload/planted.ts',
      "import { createHandlers } from '../main/ipc/handlers';\nexport const x = createHandlers;\n",
      'Layer rule (preload): preload may not import main',
    ],
  ])('%s: a wrong import fails with a message naming the rule', async (file, code, message) => {
    const found = await problems(file, code);
    expect(found.join('\n')).toContain(message);
  });

  it.each([
    [
      'main/electron/planted.ts',
      "import { app } from 'electron';\nimport { createHandlers } from '../ipc/handlers';\nexport const x = [app, createHandlers];\n",
    ],
    [
      'preload/planted.ts',
      "import { contextBridge } from 'electron';\nimport { buildGpcApi } from '../shared/ipc/build-api';\nexport const x = [contextBridge, buildGpcApi];\n",
    ],
    [
      'main/directory/planted.ts',
      "import { readFile } from 'node:fs/promises';\nimport { checkNhsNumber } from '../../shared/nhs/nhs-number';\nexport const x = [readFile, checkNhsNumber];\n",
    ],
    [
      'renderer/planted.ts',
      "import { formatNhsNumber } from '../shared/nhs/nhs-number';\nexport const x = formatNhsNumber;\n",
    ],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
