/** Saves a CSV as a file the operator can open in a spreadsheet (UTF-8 with BOM). */
export function downloadCsv(csv: string, name: string): void {
  const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
