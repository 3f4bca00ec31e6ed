// Builders for alert test data.
import type { AlertRecord, Severity } from '../../src/domain/types';

export const SUB_A = '11111111-1111-1111-1111-111111111111';
export const SUB_B = '22222222-2222-2222-2222-222222222222';

let counter = 0;

export function alert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  counter++;
  const severity: Severity = overrides.severity ?? 'High';
  return {
    systemAlertId: `sa-${counter}`,
    ingestedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, counter % 60)).toISOString(),
    timeGenerated: '2026-01-01T00:00:00.000Z',
    startTime: '2026-01-01T00:00:00.000Z',
    alertName: 'Suspicious process',
    displayName: 'Suspicious process executed',
    severity,
    status: 'New',
    description: 'A suspicious process ran.',
    compromisedEntity: 'vm-1',
    resourceId: `/subscriptions/${SUB_A}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1`,
    subscriptionId: SUB_A,
    tactics: ['Execution'],
    techniques: [],
    remediationSteps: [],
    ...overrides,
  };
}
