// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The icons taken from the second and third sets, to fill simple-icons' gaps: brands common among
 * 2FA accounts that simple-icons has removed at their owners' request (Microsoft, Amazon and AWS,
 * LinkedIn, Slack, Adobe, …) or never had. Both sets are CC0-1.0 (docs/icons.md):
 *
 * - `cib`, CoreUI Brands (@iconify-json/cib): one-colour glyphs on a 32×32 grid, scaled to 24×24
 *   and drawn like simple-icons' ('path'); CoreUI carries no colours, so each entry names its brand
 *   colour here (a fact about the brand, taken from its own pages).
 * - `logos`, SVG Logos by Gil Barbara (@iconify-json/logos): multi-colour logos, shown as
 *   sanitised SVG images ('image') on a tile chosen for contrast (electron/icons/contrast.ts).
 *
 * Only listed icons are bundled (the sets hold thousands of developer tools no one signs in to).
 * An id is the brand's own, stable even if simple-icons adds the brand again later: then its
 * simple-icons version wins and the entry here is skipped (the build says so).
 */

export type GapIcon =
  | { readonly id: string; readonly title: string; readonly set: 'cib'; readonly name: string; readonly hex: string }
  | { readonly id: string; readonly title: string; readonly set: 'logos'; readonly name: string };

export const GAP_ICONS: readonly GapIcon[] = [
  { id: 'microsoft', title: 'Microsoft', set: 'cib', name: 'microsoft', hex: '5E5E5E' },
  { id: 'amazon', title: 'Amazon', set: 'cib', name: 'amazon', hex: 'FF9900' },
  { id: 'aws', title: 'Amazon Web Services', set: 'cib', name: 'amazon-aws', hex: '232F3E' },
  { id: 'linkedin', title: 'LinkedIn', set: 'cib', name: 'linkedin', hex: '0A66C2' },
  { id: 'slack', title: 'Slack', set: 'cib', name: 'slack', hex: '4A154B' },
  { id: 'adobe', title: 'Adobe', set: 'cib', name: 'adobe', hex: 'FA0F00' },
  { id: 'salesforce', title: 'Salesforce', set: 'cib', name: 'salesforce', hex: '00A1E0' },
  { id: 'heroku', title: 'Heroku', set: 'cib', name: 'heroku', hex: '430098' },
  { id: 'nintendo', title: 'Nintendo', set: 'cib', name: 'nintendo', hex: 'E60012' },
  { id: 'xbox', title: 'Xbox', set: 'cib', name: 'xbox', hex: '107C10' },
  { id: 'yahoo', title: 'Yahoo!', set: 'cib', name: 'yahoo', hex: '6001D2' },
  { id: 'skype', title: 'Skype', set: 'cib', name: 'skype', hex: '00AFF0' },
  { id: 'ibm', title: 'IBM', set: 'cib', name: 'ibm', hex: '0F62FE' },
  { id: 'oracle', title: 'Oracle', set: 'cib', name: 'oracle', hex: 'C74634' },
  { id: 'twilio', title: 'Twilio', set: 'cib', name: 'twilio', hex: 'F22F46' },
  { id: 'canva', title: 'Canva', set: 'cib', name: 'canva', hex: '00C4CC' },
  { id: 'docusign', title: 'DocuSign', set: 'cib', name: 'docusign', hex: '4C00FF' },
  { id: 'eventbrite', title: 'Eventbrite', set: 'cib', name: 'eventbrite', hex: 'F05537' },
  { id: 'hulu', title: 'Hulu', set: 'cib', name: 'hulu', hex: '1CE783' },
  { id: 'tmobile', title: 'T-Mobile', set: 'cib', name: 't-mobile', hex: 'E20074' },
  { id: 'tableau', title: 'Tableau', set: 'cib', name: 'tableau', hex: 'E97627' },
  { id: 'yandex', title: 'Yandex', set: 'cib', name: 'yandex', hex: 'FC3F1D' },
  { id: 'magento', title: 'Magento', set: 'cib', name: 'magento', hex: 'EE672F' },
  { id: 'linode', title: 'Linode', set: 'logos', name: 'linode' },
  { id: 'openai', title: 'OpenAI', set: 'logos', name: 'openai-icon' },
  { id: 'sendgrid', title: 'SendGrid', set: 'logos', name: 'sendgrid-icon' },
  { id: 'mondaydotcom', title: 'monday.com', set: 'logos', name: 'monday-icon' },
  { id: 'metamask', title: 'MetaMask', set: 'logos', name: 'metamask-icon' },
  { id: 'dreamhost', title: 'DreamHost', set: 'logos', name: 'dreamhost' },
  { id: 'authy', title: 'Authy', set: 'logos', name: 'authy' },
  { id: 'onesignal', title: 'OneSignal', set: 'logos', name: 'onesignal' },
  { id: 'weebly', title: 'Weebly', set: 'logos', name: 'weebly' },
  { id: 'youtrack', title: 'YouTrack', set: 'logos', name: 'youtrack' },
];
