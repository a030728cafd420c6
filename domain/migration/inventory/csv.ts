/** One CSV record with the physical line it starts on (1-based), or why it could not be read. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
  readonly error?: string;
}

/**
 * RFC 4180: fields separated by commas, records by CRLF or LF; a field in double quotes may hold
 * commas, line breaks and `""` for a quote. Lenient where spreadsheets are: a quote inside an
 * unquoted field is kept as text, and a trailing line break does not make an empty record. A
 * malformed record is returned with its error so the caller reports it and reads on.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      let value = '';
      if (source[i] === '"') {
        i++;
        let closed = false;
        while (i < source.length) {
          const c = source[i];
          if (c === '"') {
            if (source[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        if (!closed) error ??= 'a quoted field is not closed before the end of the file';
        // Text between the closing quote and the next separator breaks RFC 4180.
        let stray = false;
        while (i < source.length && source[i] !== ',' && source[i] !== '\n' && source[i] !== '\r') {
          stray = true;
          value += source[i];
          i++;
        }
        if (stray) error ??= 'unexpected text after a closing quote (quote the whole field)';
      } else {
        while (i < source.length && source[i] !== ',' && source[i] !== '\n' && source[i] !== '\r') {
          value += source[i];
          i++;
        }
      }
      fields.push(value);
      if (source[i] === ',') {
        i++;
        continue;
      }
      if (source[i] === '\r') i++;
      if (source[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    const blank = fields.length === 1 && fields[0]?.trim() === '' && !error;
    if (!blank) records.push(error ? { line: start, fields, error } : { line: start, fields });
  }
  return records;
}
