import type { SimResponse } from '../server.js';
import { parameterError } from './api.js';
import { couponFor, ispOf, paymentMethod, productById, type SimProduct } from './catalog.js';
import { dayMs, type PaymentItem, type ProxyLiteState, type SimPackage } from './state.js';

/**
 * The body /order/check and /order/create share ("the parameters are exactly the same"), except that
 * `renew_duration` is a string enum (1m, 2m, em) in check and an integer in create.
 */

export const fail0 = (code: number, message: string): SimResponse => ({ body: { code, message, data: null } });
export const ok0 = (data: unknown): SimResponse => ({ body: { code: 0, message: 'Operation successful', data } });

export interface OrderRequest {
  product: SimProduct;
  pm: PaymentItem;
  quantity: number;
  regions: Array<{ code: string; quantity: number }>;
  /** Packages renewed, with the days each gains. */
  renewal?: { packages: SimPackage[]; days: number };
  etd: number;
  fees: { unit_price: number; total_fee: number; discount_fee: number; handling_fee: number; pay_fee: number };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const integer = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/** "em" runs to the end of next month. */
function renewalDays(value: unknown, kind: 'check' | 'create', now: Date): number | SimResponse {
  if (kind === 'create') {
    const months = integer(value ?? 1);
    if (months === undefined || months < 1 || months > 12) {
      return parameterError({ renew_duration: ['The renew duration must be an integer.'] });
    }
    return months * 30;
  }
  const text = value ?? '1m';
  if (text === '1m' || text === '2m') return Number(text[0]) * 30;
  if (text !== 'em') return parameterError({ renew_duration: ['The selected renew duration is invalid.'] });
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1);
  return Math.ceil((end - now.getTime()) / dayMs);
}

export function readOrderRequest(
  state: ProxyLiteState,
  body: Record<string, unknown>,
  kind: 'check' | 'create',
  now: Date,
): OrderRequest | { error: SimResponse } {
  const product = productById(integer(body.pid));
  if (!product || product.type === 3) return { error: fail0(10001, 'Package does not exist') };
  if (product.showType === 3) return { error: fail0(10001, 'This package is not available for purchase') };
  const pm = paymentMethod(state, integer(body.pm_id));
  if (!pm) return { error: fail0(10002, 'Payment method is unavailable') };
  const etd = integer(body.etd ?? 1) ?? 0;
  if (etd !== 1 && !product.extensions.includes(etd))
    return { error: parameterError({ etd: ['The selected etd is invalid.'] }) };

  let quantity = 1;
  const regions: OrderRequest['regions'] = [];
  let renewal: OrderRequest['renewal'];
  if (product.type === 19) {
    const ids = typeof body.upids === 'string' ? body.upids.split(',').map((s) => Number(s.trim())) : [];
    const packages = ids.map((id) => state.packages.find((p) => p.id === id && p.product_type === product.parentType));
    if (ids.length === 0 || packages.some((p) => !p)) return { error: fail0(10003, 'Invalid upids') };
    const days = renewalDays(body.renew_duration, kind, now);
    if (typeof days !== 'number') return { error: days };
    renewal = { packages: packages as SimPackage[], days };
    quantity = ids.length;
  } else if (ispOf[product.type] !== undefined) {
    const stock = state.regions[ispOf[product.type] as 0 | 1];
    const text = typeof body.region_list === 'string' ? body.region_list : '';
    for (const part of text.split('|').filter(Boolean)) {
      const [code = '', qty = '', asn] = part.split(',').map((s) => s.trim());
      if (!/^\d+$/.test(qty) || Number(qty) < 1 || (asn !== undefined && !/^\d+$/.test(asn))) {
        return { error: parameterError({ region_list: ['The region list format is invalid.'] }) };
      }
      if ((stock.get(code) ?? 0) < Number(qty)) return { error: fail0(10005, `Insufficient IP stock in ${code}`) };
      regions.push({ code, quantity: Number(qty) });
    }
    if (regions.length === 0) return { error: parameterError({ region_list: ['The region list is required.'] }) };
    quantity = regions.reduce((sum, r) => sum + r.quantity, 0);
  } else {
    quantity = integer(body.amount ?? 1) ?? 0;
    if (quantity < 1) return { error: parameterError({ amount: ['The amount must be at least 1.'] }) };
    if (product.totalCount > 0 && (state.remaining.get(product.id) ?? 0) < quantity) {
      return { error: fail0(10006, 'Insufficient stock') };
    }
  }
  const coupon = couponFor(body.coupon_sn);
  if ('error' in coupon) return { error: fail0(10004, coupon.error) };

  const periods = renewal ? renewal.days / 30 : 1 + (etd - 1) * product.rate;
  const total = round2(product.usdPrice * quantity * periods);
  const discount = round2((total * coupon.percent) / 100);
  const handling = pm.group === 'card' ? round2((total - discount) * 0.03) : 0;
  return {
    product,
    pm,
    quantity,
    regions,
    ...(renewal ? { renewal } : {}),
    etd,
    fees: {
      unit_price: product.usdPrice,
      total_fee: total,
      discount_fee: discount,
      handling_fee: handling,
      pay_fee: round2(total - discount + handling),
    },
  };
}
