'use strict';
class E2eProbeApi {
  constructor() {
    this.name = 'e2eProbeApi';
    this.displayName = 'E2E Probe API';
    this.documentationUrl = 'https://example.com';
    this.properties = [
      { displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://127.0.0.1:8080' },
      { displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
    ];
    this.authenticate = {
      type: 'generic',
      properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
    };
  }
}
exports.E2eProbeApi = E2eProbeApi;
