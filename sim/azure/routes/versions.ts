/** api-versions accepted per area: what the SDKs send plus newer stable ones (azure-api.md §16). */
export const V_SUBSCRIPTIONS = ['2022-12-01', '2021-01-01', '2020-01-01', '2016-06-01'] as const;
export const V_PROVIDERS = ['2025-04-01', '2025-03-01', '2024-11-01', '2024-03-01', '2022-09-01', '2021-04-01', '2016-09-01'] as const;
export const V_AUTHORIZATION = ['2022-04-01', '2020-10-01', '2018-07-01', '2015-07-01'] as const;
export const V_PRICINGS = ['2022-03-01', '2023-01-01', '2024-01-01'] as const;
export const V_SETTINGS = ['2021-07-01', '2022-05-01', '2021-06-01'] as const;
export const V_ALERTS = ['2021-11-01', '2022-01-01'] as const;
export const V_WORKSPACES = ['2025-07-01', '2025-02-01', '2023-09-01', '2022-10-01', '2021-12-01-preview', '2020-08-01'] as const;
const SENTINEL_STABLE = ['2024-03-01', '2024-09-01', '2025-01-01', '2025-03-01', '2025-06-01', '2025-09-01', '2025-12-01'];
/** Preview versions that still carry dataConnectorsCheckRequirements. */
export const V_SENTINEL_PREVIEW = ['2022-09-01-preview', '2022-10-01-preview', '2023-02-01-preview', '2023-06-01-preview', '2024-01-01-preview', '2024-04-01-preview', '2024-10-01-preview', '2025-07-01-preview'] as const;
export const V_SENTINEL = [...V_SENTINEL_PREVIEW, ...SENTINEL_STABLE] as const;
/** Content Hub is stable from 2024-03-01 (and in previews since 2023). */
export const V_CONTENT = [...SENTINEL_STABLE, '2023-04-01-preview', '2024-01-01-preview', '2024-04-01-preview', '2024-10-01-preview', '2025-07-01-preview'] as const;

/** Base path of every Microsoft.SecurityInsights resource (an extension of the workspace). */
export const WS_BASE = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.OperationalInsights/workspaces/{ws}/providers/Microsoft.SecurityInsights';
