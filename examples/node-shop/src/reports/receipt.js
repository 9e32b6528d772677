'use strict';
// Must stay silent: a string built with `+=` in a loop and used once afterwards. V8 represents the
// growing string as a rope (a tree of the appended pieces), so each `+=` is O(1) and the one flatten at
// the end is O(n): linear overall.

function receiptText(order, lines) {
  let text = `Receipt for order #${order.id}\n`;
  for (const line of lines) {
    text += `${line.quantity} x ${line.name}`.padEnd(40) + `${(line.cents / 100).toFixed(2)}\n`;
  }
  return text;
}

/** Object spread of each element (not of an accumulator) is O(size of the element). */
function withTotals(lines) {
  return lines.map((line) => ({ ...line, total: line.cents * line.quantity }));
}

module.exports = { receiptText, withTotals };
