/** Moves every stored token to the current (first) key of the ring; rows already on it are left as they are. */
export async function reencryptTokens(records, cipher) {
    const report = { total: 0, reencrypted: 0, unreadable: [] };
    for (const key of await records.listTokenKeys()) {
        const row = await records.getToken(key);
        if (!row)
            continue;
        report.total++;
        try {
            const { plaintext, current } = cipher.open(row.ciphertext, key);
            if (current)
                continue;
            await records.putToken(key, cipher.encrypt(plaintext, key), row.email);
            report.reencrypted++;
        }
        catch {
            report.unreadable.push(key);
        }
    }
    return report;
}
//# sourceMappingURL=reencrypt-tokens.js.map