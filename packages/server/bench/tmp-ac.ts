import autocannon from 'autocannon';
import { filingBody } from './filing-request.ts';

const r = await autocannon({
  url: 'http://127.0.0.1:47812/api/v1/cases',
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: filingBody(),
  connections: 50,
  duration: 8,
});
console.log(r.requests.average, r.non2xx, r.errors);
