import type { ComponentType } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import { AuditScreen } from '../audit/AuditScreen';
import { DiagnosticsScreen } from '../diagnostics/DiagnosticsScreen';
import { ExplorerScreen } from '../explorer/ExplorerScreen';
import { PatientPage } from '../patient/PatientPage';
import { SettingsPage } from '../settings/SettingsPage';

/**
 * The top-level screens reachable from the header. Each feature adds one entry; `available` hides a screen the
 * build, mode or policy does not offer (e.g. the interaction explorer in clinical mode).
 */
export interface ScreenDef {
  readonly id: string;
  readonly label: string;
  readonly Component: ComponentType;
  readonly available?: (info: AppInfo) => boolean;
}

export const SCREENS: readonly ScreenDef[] = [
  { id: 'patient', label: 'Patient', Component: PatientPage },
  { id: 'audit', label: 'Audit trail', Component: AuditScreen, available: (info) => info.auditAdmin === true },
  { id: 'diagnostics', label: 'Diagnostics', Component: DiagnosticsScreen },
  { id: 'explorer', label: 'Explorer', Component: ExplorerScreen, available: (info) => info.explorer === true },
  { id: 'settings', label: 'Settings and about', Component: SettingsPage },
];
