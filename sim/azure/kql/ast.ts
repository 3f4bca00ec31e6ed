/** KQL subset syntax tree. */
export type Expr =
  | { k: 'lit'; t: ScalarType; v: unknown }
  | { k: 'col'; name: string }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'neg'; e: Expr }
  | { k: 'in'; e: Expr; list: Expr[]; neg: boolean; ci: boolean }
  | { k: 'between'; e: Expr; lo: Expr; hi: Expr; neg: boolean }
  | { k: 'index'; e: Expr; idx: Expr }
  | { k: 'star' };

export type ScalarType = 'string' | 'int' | 'long' | 'real' | 'bool' | 'datetime' | 'timespan' | 'dynamic';

export interface Named {
  name?: string;
  e: Expr;
}

export interface SortKey {
  e: Expr;
  desc: boolean;
  nullsFirst: boolean;
}

export type Op =
  | { op: 'where'; pred: Expr }
  | { op: 'extend'; items: Named[] }
  | { op: 'project'; items: Named[] }
  | { op: 'project-away'; names: string[] }
  | { op: 'project-rename'; items: Array<{ to: string; from: string }> }
  | { op: 'summarize'; aggs: Named[]; by: Named[] }
  | { op: 'sort'; keys: SortKey[] }
  | { op: 'take'; n: Expr }
  | { op: 'top'; n: Expr; key: SortKey }
  | { op: 'count' }
  | { op: 'distinct'; items: Named[] };

export interface Query {
  lets: Array<{ name: string; e: Expr }>;
  table: string;
  ops: Op[];
}
