// The Close incident modal: classification is required, reason and comment are optional.
import type { ModalView } from '@slack/types';
import type { IncidentClassification } from '../../domain/types';
import { CLOSE_INCIDENT_VIEW as V } from './ids';
import { plainFit } from './text';

export const CLASSIFICATIONS: { value: IncidentClassification; label: string }[] = [
  { value: 'TruePositive', label: 'True positive' },
  { value: 'BenignPositive', label: 'Benign positive' },
  { value: 'FalsePositive', label: 'False positive' },
  { value: 'Undetermined', label: 'Undetermined' },
];

/** Sentinel's classification reasons; the API rejects a reason that does not fit the classification. */
export const REASONS: Record<IncidentClassification, { value: string; label: string }[]> = {
  TruePositive: [{ value: 'SuspiciousActivity', label: 'Suspicious activity' }],
  BenignPositive: [{ value: 'SuspiciousButExpected', label: 'Suspicious but expected' }],
  FalsePositive: [
    { value: 'IncorrectAlertLogic', label: 'Incorrect alert logic' },
    { value: 'InaccurateData', label: 'Inaccurate data' },
  ],
  Undetermined: [],
};

export interface CloseIncidentMetadata {
  systemAlertId: string;
  incidentId: string;
  channel: string;
}

export function closeIncidentModal(meta: CloseIncidentMetadata, incidentNumber?: number): ModalView {
  const reasons = Object.values(REASONS).flat();
  return {
    type: 'modal',
    callback_id: V.callbackId,
    // Ids only; the submission handler re-reads the alert and incident.
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: plainFit(incidentNumber !== undefined ? `Close incident #${incidentNumber}` : 'Close incident', 24) },
    submit: { type: 'plain_text', text: 'Close incident' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: V.classificationBlock,
        label: { type: 'plain_text', text: 'Classification' },
        element: {
          type: 'static_select',
          action_id: V.classificationAction,
          placeholder: { type: 'plain_text', text: 'Choose a classification' },
          options: CLASSIFICATIONS.map((c) => ({ text: { type: 'plain_text', text: c.label }, value: c.value })),
        },
      },
      {
        type: 'input',
        block_id: V.reasonBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Reason' },
        hint: { type: 'plain_text', text: 'Must match the classification (e.g. a false positive cannot be "Suspicious activity").' },
        element: {
          type: 'static_select',
          action_id: V.reasonAction,
          placeholder: { type: 'plain_text', text: 'Optional' },
          options: reasons.map((r) => ({ text: { type: 'plain_text', text: r.label }, value: r.value })),
        },
      },
      {
        type: 'input',
        block_id: V.commentBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Comment' },
        element: { type: 'plain_text_input', action_id: V.commentAction, multiline: true, max_length: 1000 },
      },
    ],
  };
}

export interface CloseIncidentInput {
  classification: IncidentClassification;
  reason?: string;
  comment?: string;
}

/** Reads and checks a submission; returns field errors keyed by block id (Slack shows them inline). */
export function parseCloseIncident(values: Record<string, Record<string, any>>): { input?: CloseIncidentInput; errors?: Record<string, string> } {
  const classification = values[V.classificationBlock]?.[V.classificationAction]?.selected_option?.value as IncidentClassification | undefined;
  const reason = values[V.reasonBlock]?.[V.reasonAction]?.selected_option?.value as string | undefined;
  const comment = (values[V.commentBlock]?.[V.commentAction]?.value as string | null | undefined)?.trim() || undefined;
  if (!classification || !CLASSIFICATIONS.some((c) => c.value === classification)) {
    return { errors: { [V.classificationBlock]: 'Choose a classification.' } };
  }
  if (reason && !REASONS[classification].some((r) => r.value === reason)) {
    return { errors: { [V.reasonBlock]: `That reason does not fit ${classification}.` } };
  }
  return { input: { classification, reason, comment } };
}

export function parseCloseIncidentMetadata(raw: string): CloseIncidentMetadata | undefined {
  try {
    const m = JSON.parse(raw) as Partial<CloseIncidentMetadata>;
    return typeof m.systemAlertId === 'string' && typeof m.incidentId === 'string' && typeof m.channel === 'string'
      ? { systemAlertId: m.systemAlertId, incidentId: m.incidentId, channel: m.channel }
      : undefined;
  } catch {
    return undefined;
  }
}
