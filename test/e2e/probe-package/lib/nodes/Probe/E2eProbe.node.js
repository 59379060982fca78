'use strict';
class E2eProbe {
  constructor() {
    this.description = {
      displayName: 'E2E Probe',
      name: 'e2eProbe',
      group: ['transform'],
      version: 1,
      description: 'POSTs a user to the probe server',
      defaults: { name: 'E2E Probe' },
      inputs: ['main'],
      outputs: ['main'],
      usableAsTool: true,
      credentials: [{ name: 'e2eProbeApi', required: true }],
      properties: [
        { displayName: 'Email', name: 'email', type: 'string', default: '', required: true },
      ],
    };
  }
  async execute() {
    const items = this.getInputData();
    const out = [];
    const creds = await this.getCredentials('e2eProbeApi');
    for (let i = 0; i < items.length; i++) {
      const email = this.getNodeParameter('email', i);
      const res = await this.helpers.httpRequestWithAuthentication.call(this, 'e2eProbeApi', {
        method: 'POST',
        url: `${creds.baseUrl}/users`,
        body: { email },
        json: true,
      });
      out.push({ json: res, pairedItem: { item: i } });
    }
    return [out];
  }
}
exports.E2eProbe = E2eProbe;
