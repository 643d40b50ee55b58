// The toolbar popup: is tonelint checking this site, and a switch to turn it off or on here.
// The page's host comes from the content script of the tab (no "tabs" permission needed).
import { loadSettings, saveSettings } from "./settings.js";

const $ = (id) => document.getElementById(id);

async function main() {
  $("options").addEventListener("click", () => chrome.runtime.openOptionsPage());
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  let page = null;
  try {
    page = await chrome.tabs.sendMessage(tab.id, { type: "tonelint-site" }, { frameId: 0 });
  } catch {
    // No content script here (a browser page, the web store, a page loaded before the install).
  }
  if (!page) {
    $("site").textContent = "Not available on this page";
    $("state").textContent = "tonelint works on web pages; reload a page opened before it was installed.";
    return;
  }
  const settings = await loadSettings();
  const off = settings.disabledHosts.includes(page.host);
  $("site").textContent = page.host || "this page";
  if (page.active) {
    const where = page.profile && page.profile.id !== "default" ? ` with the ${page.profile.name} profile` : "";
    $("state").textContent = `Checking replies here${where}: ${page.findings} finding${page.findings === 1 ? "" : "s"} in ${page.fields} field${page.fields === 1 ? "" : "s"}.`;
  } else {
    $("state").textContent = off ? "Turned off on this site." : settings.enabled ? "Turned off for this site's profile." : "Turned off everywhere (see Options).";
  }
  const toggle = $("toggle");
  toggle.hidden = false;
  toggle.textContent = off ? "Turn on for this site" : "Turn off for this site";
  toggle.addEventListener("click", async () => {
    const hosts = new Set(settings.disabledHosts);
    off ? hosts.delete(page.host) : hosts.add(page.host);
    await saveSettings({ disabledHosts: [...hosts] });
    window.close();
  });
}

main();
