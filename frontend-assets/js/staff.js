// Backorder Desk staff portal: sortable tables. Pages work without it.
(function () {
	'use strict';

	function cellValue(row, index) {
		var cell = row.cells[index];
		if (!cell) {
			return '';
		}
		return cell.getAttribute('data-sort') !== null ? cell.getAttribute('data-sort') : cell.textContent.trim();
	}

	function compare(a, b) {
		var x = parseFloat(a);
		var y = parseFloat(b);
		if (!isNaN(x) && !isNaN(y) && /^-?[\d.,]+$/.test(a.replace(/\s/g, '')) && /^-?[\d.,]+$/.test(b.replace(/\s/g, ''))) {
			return x - y;
		}
		return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
	}

	function sortBy(table, header, index) {
		var ascending = header.getAttribute('aria-sort') !== 'ascending';
		Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
			th.removeAttribute('aria-sort');
		});
		header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
		Array.prototype.forEach.call(table.tBodies, function (body) {
			var rows = Array.prototype.slice.call(body.rows);
			rows.sort(function (r1, r2) {
				var result = compare(cellValue(r1, index), cellValue(r2, index));
				return ascending ? result : -result;
			});
			rows.forEach(function (row) {
				body.appendChild(row);
			});
		});
	}

	function enhance(table) {
		if (!table.tHead || table.dataset.sortReady) {
			return;
		}
		table.dataset.sortReady = 'true';
		Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
			if (header.hasAttribute('data-nosort') || !header.textContent.trim()) {
				return;
			}
			var button = document.createElement('button');
			button.type = 'button';
			button.className = 'sort';
			button.textContent = header.textContent.trim();
			header.textContent = '';
			header.appendChild(button);
			button.addEventListener('click', function () {
				sortBy(table, header, index);
			});
		});
	}

	// On a phone each row is a card (staff.css); each cell is labelled with its column's
	// header, unless the page did so already.
	function label(table) {
		if (!table.tHead || !table.tHead.rows.length) {
			return;
		}
		var names = [];
		Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
			for (var span = 0; span < (header.colSpan || 1); span++) {
				names.push(span === 0 ? header.textContent.trim() : '');
			}
		});
		Array.prototype.forEach.call(table.tBodies, function (body) {
			Array.prototype.forEach.call(body.rows, function (row) {
				var column = 0;
				Array.prototype.forEach.call(row.cells, function (cell) {
					if (!cell.hasAttribute('data-label') && names[column]) {
						cell.setAttribute('data-label', names[column]);
					}
					column += cell.colSpan || 1;
				});
			});
		});
	}

	function enhanceAll(root) {
		Array.prototype.forEach.call((root || document).querySelectorAll('.staff-main table'), label);
		Array.prototype.forEach.call((root || document).querySelectorAll('table.sortable'), enhance);
	}

	document.addEventListener('DOMContentLoaded', function () {
		enhanceAll(document);
	});
	window.BackorderStaff = { enhanceTables: enhanceAll };
})();
