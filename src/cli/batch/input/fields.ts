/**
 * From a row of a JSON Lines or CSV export to the fields ondo reads: which column is the body,
 * the subject, the ticket id — given by --columns or found by the usual header names.
 */
import type { MailFields } from '../task.js';

export const MAIL_FIELDS = ['id', 'subject', 'body', 'receivedAt', 'customerName'] as const;
export type MailField = (typeof MAIL_FIELDS)[number];
export type ColumnMapping = Partial<Record<MailField, string>>;

/** Header names helpdesk exports use, tried (case-insensitively) when --columns does not name the column. */
const USUAL_NAMES: Record<MailField, readonly string[]> = {
  id: ['id', 'ticket_id', 'ticket id', 'チケットID', 'チケット番号', '問い合わせ番号', 'お問い合わせ番号'],
  subject: ['subject', 'title', '件名', 'タイトル'],
  body: ['body', 'description', 'message', 'text', '本文', '内容', '問い合わせ内容', 'お問い合わせ内容'],
  receivedAt: ['receivedAt', 'received_at', 'created_at', 'date', '受信日時', '作成日時', '受付日時'],
  customerName: ['customerName', 'customer_name', '顧客名', 'お客様名'],
};

/** Parses `subject=件名,body=本文,id=チケットID`; throws a usage message on a field ondo does not know. */
export function parseColumnMapping(spec: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.indexOf('=');
    const field = part.slice(0, at).trim();
    const column = part.slice(at + 1).trim();
    if (at < 1 || column === '') throw new Error(`--columns: "${part}" is not field=column`);
    if (!(MAIL_FIELDS as readonly string[]).includes(field)) {
      throw new Error(`--columns: unknown field "${field}"; fields are ${MAIL_FIELDS.join(', ')}`);
    }
    mapping[field as MailField] = column;
  }
  return mapping;
}

/** For each field, the column (or JSON key) that holds it: the one --columns names, else a usual name among those present. */
export function resolveColumns(present: readonly string[], mapping: ColumnMapping): ColumnMapping {
  const resolved: ColumnMapping = {};
  const lower = new Map(present.map((name) => [name.trim().toLowerCase(), name]));
  for (const field of MAIL_FIELDS) {
    const given = mapping[field];
    if (given !== undefined) {
      resolved[field] = given;
      continue;
    }
    const found = USUAL_NAMES[field].map((name) => lower.get(name.toLowerCase())).find((name) => name !== undefined);
    if (found !== undefined) resolved[field] = found;
  }
  return resolved;
}

/** The mail of one row, or the reason it cannot be triaged. */
export function toMailFields(row: Record<string, unknown>, columns: ColumnMapping, fallbackId: string): MailFields | { problem: string } {
  const text = (field: MailField): string | undefined | { problem: string } => {
    const column = columns[field];
    const value = column === undefined ? undefined : row[column];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && field === 'id') return String(value);
    return { problem: `${column}: expected text, found ${Array.isArray(value) ? 'an array' : typeof value}` };
  };
  const values: Partial<Record<MailField, string>> = {};
  for (const field of MAIL_FIELDS) {
    const value = text(field);
    if (typeof value === 'object') return value;
    if (value !== undefined && value.trim() !== '') values[field] = value;
  }
  if (values.body === undefined) {
    return { problem: columns.body === undefined ? 'no body (name it with --columns body=<column>)' : `empty body (${columns.body})` };
  }
  let receivedAt: string | undefined;
  if (values.receivedAt !== undefined) {
    receivedAt = parseReceivedAt(values.receivedAt);
    if (receivedAt === undefined) return { problem: `${columns.receivedAt}: not a date: "${values.receivedAt.slice(0, 40)}"` };
  }
  return {
    id: values.id?.trim() ?? fallbackId,
    body: values.body,
    ...(values.subject !== undefined && { subject: values.subject }),
    ...(receivedAt !== undefined && { receivedAt }),
    ...(values.customerName !== undefined && { customerName: values.customerName.trim() }),
  };
}

/** `2026/11/26 10:15` as Excel writes it has no zone: a Japanese export means Japan time. */
const LOCAL_DATE_TIME = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** An ISO 8601 time, or undefined when the text is no date. */
export function parseReceivedAt(text: string): string | undefined {
  const local = LOCAL_DATE_TIME.exec(text.trim());
  const pad = (n: string | undefined) => (n ?? '0').padStart(2, '0');
  const iso = local
    ? `${local[1]}-${pad(local[2])}-${pad(local[3])}T${pad(local[4])}:${pad(local[5])}:${pad(local[6])}+09:00`
    : text.trim();
  const date = new Date(iso);
  // Date() also reads "1" or "12" as a year: a date must at least have one
  return Number.isNaN(date.getTime()) || !/\d{4}/.test(iso) ? undefined : date.toISOString();
}
