'use strict';
// Report builders, linear. Same exports and results as csv.slow.js.

const HEADER = 'id,customer_id,status';

/** Orders as CSV: push into one array, join once. */
function ordersCsv(orders) {
  const lines = [HEADER];
  for (const o of orders) lines.push(`${o.id},${o.customerId},${o.status}`);
  return lines.join('\n') + '\n';
}

/** Products keyed by SKU, built in one pass. */
function indexBySku(products) {
  return Object.fromEntries(products.map((p) => [p.sku, p]));
}

/** Product names wrapped into lines of at most `width` characters: track the current line, join at the end. */
function packingSlip(names, width = 80) {
  const lines = [];
  let line = '';
  for (const name of names) {
    if (line.length > 0 && line.length + name.length + 2 > width) {
      lines.push(line);
      line = name;
    } else {
      line = line.length > 0 ? line + ', ' + name : name;
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.join('\n');
}

module.exports = { ordersCsv, indexBySku, packingSlip };
