//! Small robust statistics: medians, MAD, robust z-scores, quantiles, the normal CDF.
//!
//! Every function takes plain slices and never panics: an empty input gives `None`.

/// The 0.6745 factor of the modified (robust) z-score: 0.6745 × (x − median) / MAD,
/// which makes the MAD comparable to a standard deviation (Iglewicz & Hoaglin 1993).
pub const ROBUST_Z_FACTOR: f64 = 0.6745;

/// The median of `values` (average of the two middle values for an even count).
/// Sorts a copy; non-finite values are ignored.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    median_in_place(&mut v)
}

/// The median of `values`, reordering the slice (no allocation). Expects finite values.
pub fn median_in_place(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mid = n / 2;
    let (_, upper, _) = values.select_nth_unstable_by(mid, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = values[..mid].iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((lower + upper) / 2.0)
}

/// Median and median absolute deviation of `values` (finite values only).
pub fn median_mad(values: &[f64]) -> Option<(f64, f64)> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    let med = median_in_place(&mut v)?;
    for x in v.iter_mut() {
        *x = (*x - med).abs();
    }
    let mad = median_in_place(&mut v)?;
    Some((med, mad))
}

/// The robust z-score of `x` given a median and MAD; `mad_floor` keeps a flat series
/// (MAD = 0) from turning every tiny wiggle into an infinite score.
pub fn robust_z(x: f64, median: f64, mad: f64, mad_floor: f64) -> f64 {
    let scale = mad.max(mad_floor);
    if scale <= 0.0 || !scale.is_finite() {
        return 0.0;
    }
    ROBUST_Z_FACTOR * (x - median) / scale
}

/// The `q` quantile (0–1) of an ascending-sorted slice, linearly interpolated.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let pos = q.clamp(0.0, 1.0) * (n - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let frac = pos - lo as f64;
    Some(sorted[lo] * (1.0 - frac) + sorted[hi.min(n - 1)] * frac)
}

/// The empirical CDF of `x` in an ascending-sorted slice: the share of values below
/// `x`, counting ties as half (so the median of a sample scores 0.5). O(log n).
pub fn ecdf_sorted(sorted: &[f64], x: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let below = sorted.partition_point(|v| *v < x);
    let not_above = sorted.partition_point(|v| *v <= x);
    Some((below as f64 + (not_above - below) as f64 / 2.0) / n as f64)
}

/// The standard normal CDF Φ(z) (Abramowitz & Stegun 7.1.26, error < 1.5e-7).
pub fn normal_cdf(z: f64) -> f64 {
    if !z.is_finite() {
        return if z > 0.0 { 1.0 } else { 0.0 };
    }
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly =
        t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-x * x).exp();
    if z >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// Clamps to `[0, 1]`, mapping NaN to 0.
pub fn unit(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.clamp(0.0, 1.0)
    }
}

/// Rounds to `digits` decimals (for stable, readable JSON).
pub fn round_to(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_handles_even_odd_and_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[f64::NAN, 1.0]), Some(1.0));
    }

    #[test]
    fn mad_of_a_flat_series_is_zero_and_the_floor_keeps_z_finite() {
        let (med, mad) = median_mad(&[5.0; 10]).unwrap_or((0.0, 1.0));
        assert_eq!((med, mad), (5.0, 0.0));
        assert_eq!(robust_z(5.0, med, mad, 0.0), 0.0);
        let z = robust_z(105.0, med, mad, 1.0);
        assert!((z - 67.45).abs() < 1e-9);
    }

    #[test]
    fn robust_z_matches_the_published_formula() {
        let (med, mad) = median_mad(&[1.0, 2.0, 3.0, 4.0, 100.0]).unwrap_or((0.0, 0.0));
        assert_eq!((med, mad), (3.0, 1.0));
        assert!((robust_z(100.0, med, mad, 0.0) - 0.6745 * 97.0).abs() < 1e-9);
    }

    #[test]
    fn ecdf_and_quantiles_agree() {
        let s = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(ecdf_sorted(&s, 3.0), Some(0.5));
        assert_eq!(ecdf_sorted(&s, 0.0), Some(0.0));
        assert_eq!(ecdf_sorted(&s, 9.0), Some(1.0));
        assert_eq!(quantile_sorted(&s, 0.5), Some(3.0));
        assert_eq!(quantile_sorted(&s, 0.25), Some(2.0));
        assert_eq!(ecdf_sorted(&[], 1.0), None);
    }

    #[test]
    fn normal_cdf_is_accurate() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.96) - 0.975).abs() < 1e-3);
        assert!((normal_cdf(-1.0) - 0.158_655).abs() < 1e-5);
    }
}
