//! Dense Gaussian elimination with partial pivoting, for the chain's linear systems.

/// Solves `a · x = rhs` in place for `nrhs` right-hand sides.
///
/// `a` is `n × n` row-major and is destroyed; `rhs` is `n × nrhs` row-major and holds the
/// solutions on return. Returns `false` when the matrix is singular (a zero pivot).
pub fn solve_in_place(a: &mut [f64], n: usize, rhs: &mut [f64], nrhs: usize) -> bool {
    debug_assert_eq!(a.len(), n * n);
    debug_assert_eq!(rhs.len(), n * nrhs);
    for k in 0..n {
        let pivot_row = (k..n).max_by(|&i, &j| a[i * n + k].abs().total_cmp(&a[j * n + k].abs())).unwrap_or(k);
        if a[pivot_row * n + k] == 0.0 {
            return false;
        }
        if pivot_row != k {
            swap_rows(a, n, k, pivot_row);
            swap_rows(rhs, nrhs, k, pivot_row);
        }
        eliminate_below(a, n, rhs, nrhs, k);
    }
    back_substitute(a, n, rhs, nrhs);
    true
}

fn swap_rows(m: &mut [f64], width: usize, i: usize, j: usize) {
    let (low, high) = (i.min(j), i.max(j));
    let (top, bottom) = m.split_at_mut(high * width);
    top[low * width..(low + 1) * width].swap_with_slice(&mut bottom[..width]);
}

fn eliminate_below(a: &mut [f64], n: usize, rhs: &mut [f64], nrhs: usize, k: usize) {
    let (upper, lower) = a.split_at_mut((k + 1) * n);
    let pivot = &upper[k * n..];
    let pivot_value = pivot[k];
    let (rhs_upper, rhs_lower) = rhs.split_at_mut((k + 1) * nrhs);
    let pivot_rhs = &rhs_upper[k * nrhs..];
    for (row, row_rhs) in lower.chunks_exact_mut(n).zip(rhs_lower.chunks_exact_mut(nrhs)) {
        let factor = row[k] / pivot_value;
        if factor == 0.0 {
            continue;
        }
        row[k] = 0.0;
        for (x, &p) in row[k + 1..].iter_mut().zip(&pivot[k + 1..n]) {
            *x -= factor * p;
        }
        for (x, &p) in row_rhs.iter_mut().zip(pivot_rhs) {
            *x -= factor * p;
        }
    }
}

fn back_substitute(a: &[f64], n: usize, rhs: &mut [f64], nrhs: usize) {
    for k in (0..n).rev() {
        let row = &a[k * n..(k + 1) * n];
        for r in 0..nrhs {
            let mut sum = rhs[k * nrhs + r];
            for j in k + 1..n {
                sum -= row[j] * rhs[j * nrhs + r];
            }
            rhs[k * nrhs + r] = sum / row[k];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_a_system_that_needs_pivoting() {
        // The first pivot is 0, so the rows must be swapped.
        let mut a = vec![0.0, 2.0, 1.0, 1.0, 1.0, 0.0, 2.0, 0.0, 3.0];
        let x = [1.0, 2.0, 3.0];
        let b: Vec<f64> = (0..3).map(|i| (0..3).map(|j| a[i * 3 + j] * x[j]).sum()).collect();
        let mut rhs: Vec<f64> = b.iter().flat_map(|&v| [v, 2.0 * v]).collect();
        assert!(solve_in_place(&mut a, 3, &mut rhs, 2));
        for i in 0..3 {
            assert!((rhs[i * 2] - x[i]).abs() < 1e-12);
            assert!((rhs[i * 2 + 1] - 2.0 * x[i]).abs() < 1e-12);
        }
    }

    #[test]
    fn reports_a_singular_matrix() {
        let mut a = vec![1.0, 2.0, 2.0, 4.0];
        let mut rhs = vec![1.0, 2.0];
        assert!(!solve_in_place(&mut a, 2, &mut rhs, 1));
    }
}
