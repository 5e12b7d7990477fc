// Copy buttons for read-only fields: without this script the field is still there to
// select and copy by hand, so the buttons start hidden.
(function () {
	'use strict';

	Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (button) {
		var field = document.getElementById(button.getAttribute('data-copy'));
		if (!field) {
			return;
		}
		var label = button.textContent;
		button.hidden = false;
		button.addEventListener('click', function () {
			field.select();
			var done = function () {
				button.textContent = button.getAttribute('data-copied') || label;
				window.setTimeout(function () {
					button.textContent = label;
				}, 2000);
			};
			if (navigator.clipboard && window.isSecureContext) {
				navigator.clipboard.writeText(field.value).then(done, function () {
					document.execCommand('copy');
					done();
				});
			}
			else {
				document.execCommand('copy');
				done();
			}
		});
	});
})();
