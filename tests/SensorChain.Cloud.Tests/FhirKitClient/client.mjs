// Uses fhir-kit-client (a third-party FHIR R4 client) the way an EHR integration would:
// search Observations by patient and code, follow every `next` page, and read Observation/$lastn.
// Usage: node client.mjs <fhir base url> <patient id> <code system|code> <page size> <output folder>
// Writes every Bundle it received to the output folder (for the validator) and prints a JSON summary.
import { Client } from 'fhir-kit-client';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl, patient, code, count, outDir] = process.argv.slice(2);
const client = new Client({ baseUrl });
const summary = { pages: 0, total: null, searchIds: [], lastnIds: [], files: [] };

function save(name, bundle) {
  const file = join(outDir, name);
  writeFileSync(file, JSON.stringify(bundle));
  summary.files.push(file);
}

let page = await client.search({ resourceType: 'Observation', searchParams: { patient, code, _count: count } });
summary.total = page.total ?? null;
while (page) {
  summary.pages += 1;
  save(`search-${summary.pages}.json`, page);
  for (const entry of page.entry ?? []) {
    if (entry.search?.mode === 'match') summary.searchIds.push(entry.resource.id);
  }
  page = await client.nextPage({ bundle: page });
}

const lastn = await client.operation({ name: 'lastn', resourceType: 'Observation', method: 'get', input: { patient, max: 1 } });
save('lastn.json', lastn);
summary.lastnIds = (lastn.entry ?? []).map((e) => e.resource.id);

const read = await client.read({ resourceType: 'Observation', id: summary.searchIds[0] });
save('read.json', read);
console.log(JSON.stringify(summary));
