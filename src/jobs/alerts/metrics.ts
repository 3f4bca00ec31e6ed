// Alert pipeline metrics on the default prom-client registry (served by /metrics). Created once per process.
import { Counter, Gauge, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

function gauge(name: string, help: string): Gauge<string> {
  return (register.getSingleMetric(name) as Gauge<string> | undefined) ?? new Gauge({ name, help });
}

export const alertMetrics = {
  polls: counter('sentinel_alert_polls_total', 'Alert polls by outcome', ['outcome']),
  rows: counter('sentinel_alert_rows_total', 'SecurityAlert rows read by the poller'),
  decisions: counter('sentinel_alert_decisions_total', 'Per-channel alert decisions', ['kind']),
  slack: counter('sentinel_alert_slack_calls_total', 'Slack calls for alert messages', ['method', 'outcome']),
  watermarkLag: gauge('sentinel_alert_watermark_lag_seconds', 'Seconds between now and the intake watermark'),
  partialSlices: counter('sentinel_alert_partial_slices_total', 'Alert intake slices Log Analytics answered only in part'),
  sliceLimit: gauge('sentinel_alert_slice_limit_rows', 'Row limit alert intake continues with; below the configured limit while partial answers keep it reduced'),
};
