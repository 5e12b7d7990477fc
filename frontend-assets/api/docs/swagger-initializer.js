// Swagger UI for the API's own description (replaces the distribution's petstore initializer)
window.onload = function () {
	window.ui = SwaggerUIBundle({
		url: '/api/openapi.json',
		dom_id: '#swagger-ui',
		deepLinking: true,
		presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
		plugins: [SwaggerUIBundle.plugins.DownloadUrl],
		layout: 'StandaloneLayout'
	});
};
