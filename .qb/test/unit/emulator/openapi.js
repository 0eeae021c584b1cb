/**
 * Validates emulator responses against Cisco's OpenAPI documents with ajv.
 *
 * Each document is added to ajv whole, under an `$id`, and response schemas are referenced by JSON pointer
 * (`messaging#/paths/~1people~1me/get/...`), so every `#/components/...` reference resolves inside it.
 *
 * Three deliberate adjustments, all explicit here rather than hidden:
 * 1. Top-level component schemas are closed (`additionalProperties: false`) so a field the emulator invents
 *    fails, except for fields listed in KNOWN_EXTRA_FIELDS: real Webex sends them although the documents omit
 *    them (and the brief asks for them).
 * 2. The documents' `Attachment` schema says `{ content: File{fileId,type,contentUrl} }`, which is not what
 *    Webex returns for cards (`{ contentType, content: <Adaptive Card> }`, per Cisco's Cards guide). It is
 *    replaced by ATTACHMENT_AS_SENT; the conformance test shows the documented shape rejects a real card.
 * 3. KNOWN_EXTRA_ENUM_VALUES: the Webhook enums lack the `all` firehose that Webex (and
 *    webex-node-bot-framework) use.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { openApiDir } from './helpers.js';
const addFormats = addFormatsModule.default;
export const DOCS = {
    messaging: 'webex-messaging-bot.openapi.json',
    recordings: 'webex-meetings-recordings.openapi.json',
};
export const KNOWN_EXTRA_FIELDS = {
    // Webex returns these on every webhook; the Webhook schema lacks them.
    Webhook: ['orgId', 'createdBy', 'appId'],
    // POST /messages answers with the Message schema, which lacks fields Webex sends on creation too.
    Message: ['html', 'parentId'],
};
/** Enum values Webex accepts beyond the documents: the `all` firehose webhook (developer guide, prose only). */
export const KNOWN_EXTRA_ENUM_VALUES = {
    Webhook: { resource: ['all'], event: ['all'] },
};
export const ATTACHMENT_AS_SENT = {
    type: 'object',
    required: ['contentType', 'content'],
    properties: { contentType: { type: 'string' }, content: { type: 'object' } },
    additionalProperties: false,
};
export function loadDoc(name) {
    return JSON.parse(readFileSync(path.join(openApiDir(), DOCS[name]), 'utf8'));
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** OpenAPI 3.0 `nullable: true` is not JSON Schema; turn it into a type union. */
function convertNullable(node) {
    if (Array.isArray(node))
        return node.map(convertNullable);
    if (!isObject(node))
        return node;
    const out = {};
    for (const [k, v] of Object.entries(node))
        out[k] = convertNullable(v);
    if (out['nullable'] === true) {
        delete out['nullable'];
        if (typeof out['type'] === 'string')
            out['type'] = [out['type'], 'null'];
        else if (Array.isArray(out['enum']))
            out['enum'] = [...out['enum'], null];
    }
    return out;
}
export function prepareDoc(raw, opts = {}) {
    const doc = convertNullable(structuredClone(raw));
    const components = doc['components'];
    const schemas = isObject(components) ? components['schemas'] : undefined;
    if (!isObject(schemas))
        return doc;
    if (opts.replaceAttachment && isObject(schemas['Attachment']))
        schemas['Attachment'] = ATTACHMENT_AS_SENT;
    if (opts.closeSchemas) {
        for (const [name, schema] of Object.entries(schemas)) {
            if (!isObject(schema) || !isObject(schema['properties']) || 'additionalProperties' in schema)
                continue;
            const extra = KNOWN_EXTRA_FIELDS[name] ?? [];
            for (const field of extra)
                schema['properties'][field] = {};
            for (const [field, values] of Object.entries(KNOWN_EXTRA_ENUM_VALUES[name] ?? {})) {
                const prop = schema['properties'][field];
                if (isObject(prop) && Array.isArray(prop['enum']))
                    prop['enum'] = [...prop['enum'], ...values];
            }
            schema['additionalProperties'] = false;
        }
    }
    return doc;
}
export function escapePointer(segment) {
    return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
export class OpenApiValidator {
    ajv;
    docs;
    cache = new Map();
    constructor(opts = { closeSchemas: true, replaceAttachment: true }) {
        // strict:false: the documents carry OpenAPI-only keywords (example, discriminator...) ajv must ignore.
        this.ajv = new Ajv({ strict: false, allErrors: true });
        addFormats(this.ajv);
        this.docs = {
            messaging: prepareDoc(loadDoc('messaging'), opts),
            recordings: prepareDoc(loadDoc('recordings'), opts),
        };
        for (const name of Object.keys(DOCS))
            this.ajv.addSchema(this.docs[name], name);
    }
    /** The documented success media type and pointer of an operation's response schema. */
    responseSchema(doc, pathTemplate, method, status) {
        const paths = this.docs[doc]['paths'];
        const op = isObject(paths) && isObject(paths[pathTemplate]) ? paths[pathTemplate][method] : undefined;
        if (!isObject(op))
            throw new Error(`${doc}: no operation ${method.toUpperCase()} ${pathTemplate}`);
        const responses = op['responses'];
        const response = isObject(responses) ? responses[String(status)] : undefined;
        if (!isObject(response))
            throw new Error(`${doc}: ${method.toUpperCase()} ${pathTemplate} documents no ${status}`);
        const content = response['content'];
        if (!isObject(content))
            throw new Error(`${doc}: ${method.toUpperCase()} ${pathTemplate} ${status} has no body`);
        const mediaType = Object.keys(content).find((t) => t.startsWith('application/json'));
        if (mediaType === undefined)
            throw new Error(`${doc}: ${pathTemplate} ${status} has no JSON body`);
        const ref = `${doc}#/paths/${escapePointer(pathTemplate)}/${method}/responses/${status}/content/${escapePointer(mediaType)}/schema`;
        return { mediaType, ref };
    }
    /** Documented 2xx statuses of the operation. */
    successStatuses(doc, pathTemplate, method) {
        const paths = this.docs[doc]['paths'];
        const op = isObject(paths) && isObject(paths[pathTemplate]) ? paths[pathTemplate][method] : undefined;
        const responses = isObject(op) ? op['responses'] : undefined;
        return isObject(responses)
            ? Object.keys(responses)
                .map(Number)
                .filter((s) => s >= 200 && s < 300)
            : [];
    }
    validator(ref) {
        let v = this.cache.get(ref);
        if (!v) {
            v = this.ajv.compile({ $ref: ref });
            this.cache.set(ref, v);
        }
        return v;
    }
    /** Returns ajv's error text, or undefined when valid. */
    check(ref, value) {
        const v = this.validator(ref);
        return v(value) ? undefined : this.ajv.errorsText(v.errors, { separator: '\n' });
    }
}
//# sourceMappingURL=openapi.js.map