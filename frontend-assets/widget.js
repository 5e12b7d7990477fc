/* Backorder Desk availability badge: <div data-backorder-sku="SKU"></div> on any page, then
   <script src="https://<backorder desk>/widget.js" async></script>. Asks the desk once for every
   SKU on the page and writes a badge into each: in stock, the delivery window of a backorder, no
   date, or sold out. data-backorder-quantity asks for more than one unit. No dependencies. */
(function () {
	'use strict';
	var script = document.currentScript;
	var base = script ? new URL(script.src).origin : '';
	var colours = {
		IN_STOCK: ['#0b6b2f', '#e3f4e8'],
		BACKORDER: ['#7a4b00', '#fdf1dc'],
		NO_DATE: ['#5c5c5c', '#eeeeee'],
		NOT_ORDERABLE: ['#8a1c1c', '#fbe4e4']
	};

	function badge(target, item) {
		var box = document.createElement('span');
		box.className = 'backorder-badge backorder-badge--' + item.status.toLowerCase().replace('_', '-');
		box.setAttribute('role', 'status');
		var colour = colours[item.status] || colours.NO_DATE;
		box.style.cssText = 'display:inline-block;padding:.2em .6em;border-radius:1em;font:inherit;'
			+ 'font-size:.9em;line-height:1.4;color:' + colour[0] + ';background:' + colour[1];
		var label = document.createElement('strong');
		label.className = 'backorder-badge__label';
		label.textContent = item.label;
		var detail = document.createElement('span');
		detail.className = 'backorder-badge__detail';
		detail.textContent = ' ' + item.detail;
		box.appendChild(label);
		box.appendChild(detail);
		target.textContent = '';
		target.appendChild(box);
	}

	function render() {
		var targets = document.querySelectorAll('[data-backorder-sku]');
		var groups = {};
		Array.prototype.forEach.call(targets, function (target) {
			var quantity = target.getAttribute('data-backorder-quantity') || '1';
			(groups[quantity] = groups[quantity] || []).push(target);
		});
		Object.keys(groups).forEach(function (quantity) {
			var group = groups[quantity];
			for (var start = 0; start < group.length; start += 50) {
				ask(group.slice(start, start + 50), quantity);
			}
		});
	}

	function ask(targets, quantity) {
		var query = targets.map(function (target) {
			return 'sku=' + encodeURIComponent(target.getAttribute('data-backorder-sku'));
		}).join('&');
		fetch(base + '/api/v1/availability?' + query + '&quantity=' + encodeURIComponent(quantity))
			.then(function (response) {
				return response.ok ? response.json() : null;
			})
			.then(function (answer) {
				if (!answer) {
					return;
				}
				var bySku = {};
				answer.items.forEach(function (item) {
					bySku[item.sku] = item;
				});
				targets.forEach(function (target) {
					var item = bySku[target.getAttribute('data-backorder-sku')];
					if (item) {
						badge(target, item);
					}
				});
			})
			.catch(function () {
				// the page works without the badge
			});
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', render);
	}
	else {
		render();
	}
}());
