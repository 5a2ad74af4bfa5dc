import type { Route } from "../../server.ts";

// The privacy statement and terms the Teams manifest links to (developer.privacyUrl and
// termsOfUseUrl): Teams shows these links in the app's details, and the admin center checks them.

const page = (title: string, body: string) => `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Zicht</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{color:#1F4E5F}</style>
</head>
<body>
<h1>${title}</h1>
${body}
</body>
</html>
`;

const PRIVACY = page(
  "Privacyverklaring",
  `<p>Zicht is een chatassistent voor gecertificeerde instellingen in de jeugdbescherming. De
instelling die Zicht gebruikt, is verantwoordelijk voor de verwerking van gegevens en beheert Zicht
op haar eigen server.</p>
<h2>Wat Zicht bewaart</h2>
<ul>
<li>Zaken, alleen als zaaknummer, met maatregel, datums, team, eigenaar, fase, geboortejaren van de
kinderen, triage-antwoorden, prioriteit en de geschiedenis van contacten, ARIJ's, kernbeslissingen,
overdrachten en mijlpalen.</li>
<li>Medewerkers: code, naam, rol, team, fte en hun account in Teams of Slack, om hen herinneringen te
sturen.</li>
<li>Een auditlog van wie wat deed en inzag.</li>
</ul>
<h2>Wat Zicht nooit bewaart of toont</h2>
<p>Namen, BSN, adressen en verhalen over kinderen of gezinnen. Die blijven in het zaaksysteem; je
herkent een zaak aan het zaaknummer. In kanalen en groepschats toont Zicht geen zaakdetails: het
antwoord komt in je eigen chat met Zicht.</p>
<h2>Logboeken</h2>
<p>Technische logboeken bevatten hooguit zaaknummers en medewerkercodes.</p>
<h2>Vragen</h2>
<p>Neem contact op met de functioneel beheerder of de functionaris gegevensbescherming van je
instelling.</p>`,
);

const TERMS = page(
  "Gebruiksvoorwaarden",
  `<p>Zicht is open-source software onder de European Union Public Licence (EUPL-1.2). De instelling
die Zicht installeert, bepaalt wie het gebruikt en is verantwoordelijk voor de inrichting.</p>
<ul>
<li>Gebruik Zicht alleen voor je werk binnen de instelling.</li>
<li>Voer geen namen, BSN, adressen of andere persoonsgegevens van kinderen of gezinnen in: alleen
zaaknummers.</li>
<li>Zicht ondersteunt je werk; het zaaksysteem en je professionele oordeel blijven leidend.</li>
</ul>
<p>De software wordt geleverd zonder garantie, zoals beschreven in de EUPL-1.2.</p>`,
);

const html =
  (content: string): Route["handler"] =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(content);
  };

export const infoPages: Route[] = [
  { method: "GET", path: "/privacy", handler: html(PRIVACY) },
  { method: "GET", path: "/voorwaarden", handler: html(TERMS) },
];
