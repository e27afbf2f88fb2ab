import type { DatasetConfig } from '../../config/catalog.js';
import { isDataFormat, type DataFormat, type ReleaseFile, type ReleasePointer } from '../../publish/release.js';
import type { Bilingual } from '../problem.js';
import type { CatalogEntry } from './catalog-entries.js';
import * as at from './catalog-iris.js';
import type { CatalogDescription } from './catalog-description.js';
import type { CatalogPage } from './catalog-query.js';
import { GraphBuilder, iri, text, typed, type GraphNode, type NodeBuilder, type Term } from './rdf-graph.js';
import {
  DATA_THEME_SCHEME,
  LANGUAGE_IRIS,
  LOCAL_AUTHORITY,
  DISTRIBUTION_UNDER_DEVELOPMENT,
  PROVISIONAL_NOTE,
  SHA256,
  accessRightIri,
  adms,
  dataThemeIri,
  dcat,
  dct,
  fileTypeIri,
  foaf,
  formatLabel,
  frequencyIri,
  hydra,
  ianaMediaTypeIri,
  licenceIri,
  spdx,
  vcard,
  xsd,
} from './vocabulary.js';

/** What one page of the DCAT-AP catalog is built from. */
export interface CatalogGraphInput {
  /** The public base URL every IRI is built on. */
  readonly base: string;
  readonly page: CatalogPage;
  /** The newest release over the whole catalog (its dct:modified). */
  readonly modified?: Date;
  /** The absolute URL of a page of this representation (for the Hydra view). */
  readonly pageUrl: (page: number) => string;
  readonly description: CatalogDescription;
}

const bilingual = (value: Bilingual): Term[] => [text(value.zh, 'zh'), text(value.en, 'en')];
const dateTime = (value: string | Date): Term => typed(typeof value === 'string' ? value : value.toISOString(), xsd('dateTime'));
const integer = (value: number, type = 'integer'): Term => typed(String(value), xsd(type));
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * One page of the catalog as a DCAT-AP 3.0 graph: the catalog (title, description, publisher,
 * languages, homepage, theme taxonomy, its datasets and its API), a dcat:Dataset per entry
 * with a dcat:Distribution per data file of its latest release, the dcat:DataService, and a
 * hydra:PartialCollectionView that links the pages. Metadata only: no row is ever read.
 */
export function catalogGraph(input: CatalogGraphInput): readonly GraphNode[] {
  const { base, page, description } = input;
  const graph = new GraphBuilder();
  const publisherOf = (name: Bilingual | string): Term => {
    const agent = graph.blank().type(foaf('Agent')).add(dct('type'), iri(LOCAL_AUTHORITY));
    if (typeof name === 'string') agent.add(foaf('name'), text(name, 'zh'));
    else agent.add(foaf('name'), ...bilingual(name));
    return agent.ref;
  };

  const catalog = graph
    .node(at.catalogIri(base))
    .type(dcat('Catalog'))
    .add(dct('title'), ...bilingual(description.title))
    .add(dct('description'), ...bilingual(description.description))
    .add(dct('publisher'), publisherOf(description.publisher))
    .add(dct('language'), ...LANGUAGE_IRIS.map(iri))
    .add(dct('modified'), input.modified ? dateTime(input.modified) : undefined)
    .add(foaf('homepage'), iri(at.homepage(base)))
    .add(dcat('themeTaxonomy'), iri(DATA_THEME_SCHEME));

  const service = graph.node(at.dataServiceIri(base));
  for (const entry of page.entries) catalog.add(dcat('dataset'), datasetNode(graph, base, entry, publisherOf, service).ref);
  catalog.add(dcat('service'), service.ref);

  const contact = graph
    .blank()
    .type(vcard('Kind'))
    .add(vcard('fn'), ...bilingual(description.contact.name))
    .add(vcard('hasEmail'), iri(`mailto:${description.contact.email}`));
  service
    .type(dcat('DataService'))
    .add(dct('title'), ...bilingual(description.service.title))
    .add(dct('description'), ...bilingual(description.service.description))
    .add(dcat('endpointURL'), iri(at.homepage(base)))
    .add(dcat('endpointDescription'), iri(at.apiDescriptionUrl(base)))
    .add(dct('publisher'), publisherOf(description.publisher))
    .add(dcat('contactPoint'), contact.ref)
    .add(dcat('servesDataset'), ...page.entries.map((e) => iri(at.datasetIri(base, e.dataset.id))));

  pagingView(graph, input);
  return graph.build();
}

function datasetNode(graph: GraphBuilder, base: string, entry: CatalogEntry, publisherOf: (name: string) => Term, service: NodeBuilder): NodeBuilder {
  const { dataset, release, category } = entry;
  const node = graph
    .node(at.datasetIri(base, dataset.id))
    .type(dcat('Dataset'))
    .add(dct('identifier'), text(dataset.id))
    .add(dct('title'), ...bilingual(dataset.title))
    .add(dct('description'), ...bilingual(dataset.description))
    .add(dct('publisher'), publisherOf(dataset.publisher))
    .add(dcat('contactPoint'), contactPoint(graph, dataset))
    .add(dcat('keyword'), ...(dataset.keywords ?? []).map((k) => text(k, 'zh')))
    .add(dcat('theme'), iri(dataThemeIri(dataset.theme)))
    .add(dct('accrualPeriodicity'), iri(frequencyIri(dataset.updateFrequency)))
    .add(dct('accessRights'), iri(accessRightIri(category)))
    .add(dct('language'), ...LANGUAGE_IRIS.map(iri))
    .add(dcat('landingPage'), iri(at.datasetPage(base, dataset.id)));
  if (!release) return node;
  node.add(dct('modified'), dateTime(release.createdAt));
  for (const file of release.files) {
    if (!isDataFormat(file.format)) continue;
    node.add(dcat('distribution'), distributionNode(graph, base, entry, release, file, file.format, service).ref);
  }
  return node;
}

function contactPoint(graph: GraphBuilder, dataset: DatasetConfig): Term {
  const { name, email, telephone } = dataset.contactPoint;
  const contact = graph
    .blank()
    .type(vcard('Kind'))
    .add(vcard('fn'), text(name, 'zh'))
    .add(vcard('hasEmail'), iri(`mailto:${email}`));
  const digits = telephone?.replace(/[^\d+-]/g, '');
  if (digits) contact.add(vcard('hasTelephone'), iri(`tel:${digits}`));
  return contact.ref;
}

function distributionNode(
  graph: GraphBuilder,
  base: string,
  entry: CatalogEntry,
  release: ReleasePointer,
  file: ReleaseFile,
  format: DataFormat,
  service: NodeBuilder,
): NodeBuilder {
  const { dataset, category } = entry;
  const label = formatLabel(format);
  const fileType = fileTypeIri(format);
  const mediaType = ianaMediaTypeIri(format);
  const node = graph
    .node(at.distributionIri(base, dataset.id, format))
    .type(dcat('Distribution'))
    .add(dct('title'), text(`${dataset.title.zh}（${label.zh}）`, 'zh'), text(`${dataset.title.en} (${label.en})`, 'en'))
    .add(
      dct('description'),
      text(
        `版本 ${release.releaseId}，共 ${release.rowCount} 行${category === 'restricted' ? '；受限开放，须经审批授权方可下载' : ''}${release.provisional ? PROVISIONAL_NOTE.zh : ''}`,
        'zh',
      ),
      text(
        `Release ${release.releaseId}, ${release.rowCount} rows${category === 'restricted' ? '; restricted: downloaded only under an approved grant' : ''}${release.provisional ? PROVISIONAL_NOTE.en : ''}`,
        'en',
      ),
    )
    .add(adms('status'), release.provisional ? iri(DISTRIBUTION_UNDER_DEVELOPMENT) : undefined)
    .add(dcat('accessURL'), iri(at.accessUrl(base, dataset.id, format)))
    // A restricted file is reachable only with a granted key: it has an access point, not a free download.
    .add(dcat('downloadURL'), category === 'open' ? iri(at.downloadUrl(base, dataset.id, format, release.releaseId)) : undefined)
    .add(dcat('accessService'), service.ref)
    .add(dct('format'), fileType ? iri(fileType) : undefined)
    .add(dcat('mediaType'), mediaType ? iri(mediaType) : undefined)
    .add(dcat('byteSize'), integer(file.bytes, 'nonNegativeInteger'))
    .add(dct('license'), iri(licenceIri(dataset.license, at.datasetPage(base, dataset.id))))
    .add(dct('issued'), dateTime(release.createdAt));
  // The manifest's digest is hex SHA-256; anything else is not a checksum a client can verify.
  if (SHA256_HEX.test(file.sha256)) {
    const checksum = graph
      .blank()
      .type(spdx('Checksum'))
      .add(spdx('algorithm'), iri(SHA256))
      .add(spdx('checksumValue'), typed(file.sha256.toLowerCase(), xsd('hexBinary')));
    node.add(spdx('checksum'), checksum.ref);
  }
  return node;
}

/** hydra:PartialCollectionView, which ckanext-dcat's harvester follows (hydra:next) page by page. */
function pagingView(graph: GraphBuilder, input: CatalogGraphInput): void {
  const { page, pageUrl } = input;
  graph
    .node(pageUrl(page.page))
    .type(hydra('PartialCollectionView'))
    .add(hydra('first'), iri(pageUrl(1)))
    .add(hydra('previous'), page.page > 1 ? iri(pageUrl(page.page - 1)) : undefined)
    .add(hydra('next'), page.page < page.lastPage ? iri(pageUrl(page.page + 1)) : undefined)
    .add(hydra('last'), iri(pageUrl(page.lastPage)))
    .add(hydra('totalItems'), integer(page.totalItems))
    .add(hydra('itemsPerPage'), integer(page.perPage));
}
