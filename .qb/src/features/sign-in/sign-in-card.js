/** The card that starts per-user sign-in: one button to a signed, short-lived link. Adaptive Card 1.3. */
export function buildSignInCard(link, reason) {
    return {
        card: {
            type: 'AdaptiveCard',
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            version: '1.3',
            body: [
                {
                    type: 'TextBlock',
                    text: 'Connect your Webex recordings',
                    weight: 'Bolder',
                    size: 'Medium',
                    wrap: true,
                },
                { type: 'TextBlock', text: reason, wrap: true },
                {
                    type: 'TextBlock',
                    text: 'The link works once and expires in 10 minutes. Type `disconnect` any time to remove my access.',
                    isSubtle: true,
                    wrap: true,
                    size: 'Small',
                },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Sign in with Webex', url: link }],
        },
        markdown: `${reason}\n\n[Sign in with Webex](${link}) (the link works once and expires in 10 minutes)`,
    };
}
//# sourceMappingURL=sign-in-card.js.map