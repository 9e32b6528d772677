'use strict';
// Report builders, the quadratic way. Same exports and results as csv.fast.js.

const HEADER = 'id,customer_id,status';

/**
 * Orders as CSV.
 * quadratic-building: `acc.concat([line])` allocates a new array holding every previous line, per order.
 */
function ordersCsv(orders) {
  const lines = orders.reduce((acc, o) => acc.concat([`${o.id},${o.customerId},${o.status}`]), [HEADER]);
  return lines.join('\n') + '\n';
}

/**
 * Products keyed by SKU.
 * quadratic-building: `Object.assign({}, acc, ...)` copies the whole index per product.
 */
function indexBySku(products) {
  let index = {};
  for (const p of products) {
    index = Object.assign({}, index, { [p.sku]: p });
  }
  return index;
}

/**
 * Product names wrapped into lines of at most `width` characters (a packing slip).
 * quadratic-building: `out += ...` alone would be cheap (V8 keeps the pieces as a rope), but
 * `out.lastIndexOf('\n')` needs a flat string, so V8 flattens (copies) the whole text on every iteration.
 */
function packingSlip(names, width = 80) {
  let out = '';
  for (const name of names) {
    const lineStart = out.lastIndexOf('\n') + 1;
    if (out.length > lineStart && out.length - lineStart + name.length + 2 > width) out += '\n';
    else if (out.length > lineStart) out += ', ';
    out += name;
  }
  return out;
}

module.exports = { ordersCsv, indexBySku, packingSlip };
