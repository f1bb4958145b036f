// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Tessera's own alias table: the names and domains 2FA accounts use for a brand that the icon sets
 * do not know by that name — a product sold under the company's account ("Office 365" signs in
 * with a Microsoft account), an old or new name ("Twitter" is X, "Blizzard" signs in through
 * Battle.net), a common short form ("AWS", "PSN"), a sign-in domain ("microsoftonline.com").
 *
 * An alias here is the final say: it beats a same-named icon (issuer "Gmail" is a Google account,
 * so it gets Google's logo, not Gmail's). Each target must be a bundled icon id (the build fails
 * otherwise). Names are keyed with issuerKey, so case, spaces and punctuation do not matter; a name
 * that is a brand followed by a qualifier ("Microsoft Account", "GitHub Enterprise") needs no entry
 * when the qualifier is in bundled-matcher.ts's list. docs/icons.md shows this table to users.
 */

export interface IconAlias {
  /** The bundled icon id. */
  readonly id: string;
  readonly names?: readonly string[];
  /**
   * Domains (and their subdomains) that mean this brand when their name does not: "<name>.<tld>" is
   * tried as the name anyway (gmail.com is "Gmail", hence Google; twitter.com is "Twitter").
   */
  readonly domains?: readonly string[];
}

export const ICON_ALIASES: readonly IconAlias[] = [
  {
    id: 'google',
    names: ['Google Workspace', 'G Suite', 'GSuite', 'Google Apps', 'Gmail', 'Googlemail', 'Google Mail'],
  },
  {
    id: 'microsoft',
    names: [
      'Microsoft 365',
      'Office 365',
      'Microsoft Office',
      'Outlook',
      'Outlook.com',
      'Hotmail',
      'Windows Live',
      'MSN',
      'Microsoft Online',
      'Azure',
      'Azure AD',
      'Azure Active Directory',
      'Microsoft Azure',
      'Microsoft Entra',
      'Microsoft Entra ID',
      'Entra ID',
      'Microsoft Teams',
      'OneDrive',
    ],
    domains: ['live.com', 'office.com'],
  },
  { id: 'aws', names: ['AWS', 'Amazon AWS', 'AWS Console', 'AWS IAM'], domains: ['aws.amazon.com', 'amazonaws.com'] },
  { id: 'amazon', names: ['Amazon Seller Central', 'Seller Central', 'Amazon Seller'] },
  { id: 'x', names: ['Twitter', 'X (Twitter)', 'X Corp'] },
  { id: 'facebook', names: ['FB'] },
  { id: 'proton', names: ['Proton AG', 'Proton Account'], domains: ['protonmail.com', 'protonmail.ch', 'pm.me'] },
  { id: 'battledotnet', names: ['Blizzard', 'Blizzard Entertainment', 'Battle net'], domains: ['battle.net'] },
  { id: 'playstation', names: ['PSN', 'PlayStation Network', 'Sony Entertainment Network'] },
  { id: 'epicgames', names: ['Epic', 'Epic Games Store'] },
  { id: 'ea', names: ['Electronic Arts', 'EA App', 'EA Games', 'EA Sports'] },
  { id: 'steam', names: ['Steam Guard', 'Steampowered', 'Steam Community'] },
  { id: 'apple', names: ['Apple ID', 'Apple Account'] },
  { id: 'ubisoft', names: ['Uplay'] },
  { id: 'riotgames', names: ['Riot', 'League of Legends', 'Valorant'] },
  { id: 'ovh', names: ['OVHcloud', 'OVH Cloud'] },
  { id: 'zoom', names: ['Zoom Video Communications'] },
  { id: 'nintendo', names: ['Nintendo Switch', 'Nintendo eShop'] },
  { id: 'mondaydotcom', names: ['Monday'] },
  { id: 'nordvpn', names: ['Nord Account', 'Nord Security'] },
  { id: 'wordpress', names: ['Automattic'] },
];
