/**
 * Distribution functions for p-values and confidence intervals, computed (not looked up) to about
 * 1e-14 relative accuracy in the ranges statistics use:
 *
 * - the complementary error function by W. J. Cody's rational Chebyshev approximations
 *   (Math. Comp. 23, 1969), as R's pnorm does, with the exp(−x²) factor split to keep the tail exact;
 * - the normal quantile by P. J. Acklam's rational approximation, refined by one Halley step
 *   against Cody's erfc, which takes it to full double precision;
 * - the regularized incomplete gamma functions by their series for x < a + 1 and Lentz's continued
 *   fraction otherwise (Numerical Recipes §6.2), for chi-square tails;
 * - the regularized incomplete beta function by its continued fraction on the side of the mean where
 *   it converges fast (Numerical Recipes §6.4), taking x and 1 − x separately so that neither tail
 *   loses bits to a subtraction, for F tails; the F quantile by safeguarded Newton steps on log F.
 */

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);

/** exp(−x²), accurate for large x: x² is split so the product loses no bits. */
function expMinusSquare(x: number): number {
  const hi = Math.trunc(x * 16) / 16;
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-lo * (2 * hi + lo));
}

/** Complementary error function erfc(x) = 1 − erf(x), Cody (1969). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let result: number;
  if (y <= 0.46875) {
    const a = [
      3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315,
    ];
    const b = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
    const z = y > 1.11e-16 ? y * y : 0;
    let num = (a[4] as number) * z;
    let den = z;
    for (let i = 0; i < 3; i++) {
      num = (num + (a[i] as number)) * z;
      den = (den + (b[i] as number)) * z;
    }
    const erf = (x * (num + (a[3] as number))) / (den + (b[3] as number));
    return 1 - erf;
  } else if (y <= 4) {
    const c = [
      0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
      1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
    ];
    const d = [
      15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
      4362.619090143247, 3439.3676741437216, 1230.3393548037495,
    ];
    let num = (c[8] as number) * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + (c[i] as number)) * y;
      den = (den + (d[i] as number)) * y;
    }
    result = ((num + (c[7] as number)) / (den + (d[7] as number))) * expMinusSquare(y);
  } else {
    if (y >= 26.7) {
      result = 0;
    } else {
      const p = [
        0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275,
        0.0006587491615298378, 0.016315387137302097,
      ];
      const q = [
        2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
      ];
      const z = 1 / (y * y);
      let num = (p[5] as number) * z;
      let den = z;
      for (let i = 0; i < 4; i++) {
        num = (num + (p[i] as number)) * z;
        den = (den + (q[i] as number)) * z;
      }
      let r = (z * (num + (p[4] as number))) / (den + (q[4] as number));
      r = (1 / SQRT_PI - r) / y;
      result = r * expMinusSquare(y);
    }
  }
  return x < 0 ? 2 - result : result;
}

/** Standard normal distribution function Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/** Upper tail 1 − Φ(x), exact in the far tail where 1 − Φ(x) would round to 0. */
export function normalUpper(x: number): number {
  return 0.5 * erfc(x / SQRT2);
}

/** Two-sided p-value of a z statistic: 2 (1 − Φ(|z|)). */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) / SQRT2);
}

/** Standard normal quantile Φ⁻¹(p): Acklam's approximation refined by one Halley step. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  // Halley step on Φ(x) − p, with the error taken from the tail it is smallest in.
  const e = p < 0.5 ? normalCdf(x) - p : -(normalUpper(x) - (1 - p));
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error below 1e-15). */
export function logGamma(x: number): number {
  const g = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
    12.507343278686905, -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = g[0] as number;
  for (let i = 1; i < 9; i++) sum += (g[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularized lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), without cancellation in the tail. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Upper tail of the chi-square distribution with `df` degrees of freedom: P(X² > x). */
export function chiSquareUpper(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** The continued fraction of the incomplete beta function (modified Lentz), Numerical Recipes betacf. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/**
 * Both tails of the beta distribution Beta(a, b) at x, [I_x(a, b), 1 − I_x(a, b)], with y = 1 − x
 * passed in exactly by the caller (so a tail near 0 is not the difference of two numbers near 1).
 */
function betaTails(x: number, y: number, a: number, b: number): [number, number] {
  if (x <= 0) return [0, 1];
  if (y <= 0) return [1, 0];
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaContinuedFraction(x, a, b)) / a;
    return [lower, 1 - lower];
  }
  const upper = (front * betaContinuedFraction(y, b, a)) / b;
  return [1 - upper, upper];
}

/** Regularized incomplete beta function I_x(a, b): the distribution function of Beta(a, b). */
export function betaRegularized(x: number, a: number, b: number): number {
  return betaTails(x, 1 - x, a, b)[0];
}

/**
 * Upper tail of the F distribution, P(F > f) with `df1` and `df2` degrees of freedom (not
 * necessarily whole): I_{df2/(df2 + df1·f)}(df2/2, df1/2), as R's pf(f, df1, df2, lower.tail = FALSE).
 */
export function fUpper(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const s = df2 + df1 * f;
  return betaTails(df2 / s, (df1 * f) / s, df2 / 2, df1 / 2)[0];
}

/** Density of the F distribution at f > 0. */
function fDensity(f: number, df1: number, df2: number): number {
  const a = df1 / 2;
  const b = df2 / 2;
  return Math.exp(
    a * Math.log(df1 * f) +
      b * Math.log(df2) -
      (a + b) * Math.log(df1 * f + df2) -
      Math.log(f) -
      logBeta(a, b),
  );
}

/**
 * The F value whose upper tail is `upper`: R's qf(1 − upper, df1, df2). Newton steps on t = ln f,
 * kept inside a bracket that halves when a step would leave it, to full double precision.
 */
export function fUpperQuantile(upper: number, df1: number, df2: number): number {
  if (Number.isNaN(upper) || upper < 0 || upper > 1 || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (upper === 0) return Infinity;
  if (upper === 1) return 0;
  // Bracket [lo, hi] in t = ln f with fUpper(e^lo) > upper > fUpper(e^hi).
  let lo = -1;
  let hi = 1;
  while (fUpper(Math.exp(lo), df1, df2) <= upper) lo *= 2;
  while (fUpper(Math.exp(hi), df1, df2) >= upper) hi *= 2;
  let t = (lo + hi) / 2;
  for (let i = 0; i < 500; i++) {
    const f = Math.exp(t);
    const g = fUpper(f, df1, df2) - upper;
    if (g === 0) return f;
    if (g > 0) lo = t;
    else hi = t;
    const slope = -fDensity(f, df1, df2) * f;
    let next = t - g / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t)) || hi - lo <= 1e-15 * Math.max(1, Math.abs(t)))
      return Math.exp(next);
    t = next;
  }
  return Math.exp(t);
}

/**
 * The `p` quantile of an ascending sample by R's default definition (type 7): with h = (n − 1)·p,
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) on 0-based indices.
 */
export function sampleQuantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('sorted: expected at least one value, found none');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p: expected a probability from 0 to 1, found ${p}`);
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}
