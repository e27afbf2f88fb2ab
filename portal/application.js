/* global document, FormData, CSS */
// The restricted-access application: posts JSON to /v1/applications and shows the returned id,
// or each invalid parameter's reason next to its field.
import { api, el } from './common.js';

/** The closest field for a parameter name the API gives: `fields[2]` → `fields`, `applicant.email` → itself. */
function errorSlotFor(form, name) {
  for (let candidate = name; candidate; candidate = candidate.replace(/(\[[^\]]*\]|\.[^.[]*)$/, '')) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(candidate)}"]`);
    if (slot) return slot;
    if (!/[.[]/.test(candidate)) break;
  }
  return undefined;
}

function clearErrors(form) {
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  form.querySelector('#application-error').hidden = true;
}

function showErrors(form, error) {
  const general = form.querySelector('#application-error');
  const unplaced = [];
  for (const param of (error.problem && error.problem.invalidParams) || []) {
    const slot = errorSlotFor(form, param.name);
    if (!slot) {
      unplaced.push(`${param.name}: ${param.reason}`);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent}；${param.reason}` : param.reason;
    slot.hidden = false;
    const input = form.querySelector(`#${CSS.escape(slot.dataset.errorFor)}`);
    if (input) input.setAttribute('aria-invalid', 'true');
  }
  if (unplaced.length || !error.problem || !error.problem.invalidParams) {
    general.textContent = ['提交失败 / not submitted：', error.message, ...unplaced].join(' ');
    general.hidden = false;
  }
}

function applicationOf(form, datasetId) {
  const data = new FormData(form);
  const text = (name) => String(data.get(name) || '').trim();
  const phone = text('applicant.phone');
  return {
    applicant: { name: text('applicant.name'), organization: text('applicant.organization'), email: text('applicant.email'), ...(phone ? { phone } : {}) },
    datasetId,
    fields: data.getAll('fields').map(String),
    useScenario: text('useScenario'),
    period: { from: text('period.from'), to: text('period.to') },
  };
}

/** Wires the form, when the page has one (restricted datasets only). */
export function wireApplicationForm(datasetId) {
  const form = document.getElementById('application');
  if (!form) return;
  const result = document.getElementById('application-result');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const created = await api('v1/applications', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(applicationOf(form, datasetId)),
      });
      result.replaceChildren(
        el('p', {}, '申请已提交，请等待审核。 ', el('span', { lang: 'en' }, 'Submitted; it will be reviewed.')),
        el(
          'dl',
          { class: 'meta' },
          el('div', {}, el('dt', {}, '申请编号 ID'), el('dd', { id: 'application-id' }, created.id)),
          el('div', {}, el('dt', {}, '状态 Status'), el('dd', { id: 'application-status' }, created.status === 'pending' ? '待审核 pending' : created.status)),
        ),
      );
      result.hidden = false;
      form.hidden = true;
    } catch (error) {
      showErrors(form, error);
      button.disabled = false;
    }
  });
}
