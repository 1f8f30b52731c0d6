// The first rows of a file the user chose (a training CSV, a help-desk export), to check its columns.
export function FirstRowsTable({
  columns,
  rows,
  maxHeight,
  cellMaxWidth,
}: {
  columns: readonly string[];
  rows: readonly Record<string, string>[];
  maxHeight: number;
  cellMaxWidth?: number;
}) {
  return (
    <div className="models-scroll" style={{ maxHeight }} tabIndex={0} role="region" aria-label="First rows">
      <table className="models-table preview-table" aria-label="First rows of the file">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} title={row[c]} style={cellMaxWidth ? { maxWidth: cellMaxWidth } : undefined}>
                  {row[c]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
