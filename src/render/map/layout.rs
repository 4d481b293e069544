//! The order of the two columns of the map: actors on one side, positions on the other,
//! each stance a line between them.
//!
//! Why not a crate: force-directed layouts start from random positions (no two builds
//! would give the same bytes), and the one layered-layout crate keeps its graph in a
//! `HashMap`, so its order changes from run to run. A graph with two layers needs only
//! the step of the Sugiyama method that matters here, crossing reduction, and the
//! barycentre heuristic does it in a few lines: put each node at the mean place of its
//! neighbours in the other column, one column and then the other, a few rounds. Means
//! are compared as exact fractions and ties go to the slug, so the order is the same on
//! every machine.

use std::cmp::Ordering;

/// How many times each column is reordered against the other.
const ROUNDS: usize = 4;

/// The order of the left nodes and of the right nodes (indices into `left` and `right`)
/// that crosses few of the `edges` (left index, right index). `left` and `right` are the
/// nodes' keys, which break ties; their given order is the starting order.
pub fn order(left: &[&str], right: &[&str], edges: &[(usize, usize)]) -> (Vec<usize>, Vec<usize>) {
    let mut left_of = vec![Vec::new(); right.len()];
    let mut right_of = vec![Vec::new(); left.len()];
    for &(l, r) in edges {
        right_of[l].push(r);
        left_of[r].push(l);
    }
    let mut left_order: Vec<usize> = (0..left.len()).collect();
    let mut right_order: Vec<usize> = (0..right.len()).collect();
    for _ in 0..ROUNDS {
        right_order = reorder(&right_order, &left_order, &left_of, right);
        left_order = reorder(&left_order, &right_order, &right_of, left);
    }
    (left_order, right_order)
}

/// `nodes` (in their current `order`) sorted by the mean place of their neighbours in
/// `other` (an order of the other column); a node without neighbours keeps its place.
fn reorder(
    order: &[usize],
    other: &[usize],
    neighbours: &[Vec<usize>],
    keys: &[&str],
) -> Vec<usize> {
    let mut place_in_other = vec![0u64; other.len()];
    for (place, &node) in other.iter().enumerate() {
        place_in_other[node] = place as u64;
    }
    // The mean as a fraction (sum, count), in units of half a place so that a node
    // without neighbours can sit at its own place among the others.
    let mean: Vec<(u64, u64)> = {
        let mut m = vec![(0, 1); order.len()];
        for (place, &node) in order.iter().enumerate() {
            let n = &neighbours[node];
            m[node] = if n.is_empty() {
                (place as u64 * 2, 1)
            } else {
                (
                    n.iter().map(|&o| place_in_other[o] * 2).sum(),
                    n.len() as u64,
                )
            };
        }
        m
    };
    let mut sorted = order.to_vec();
    sorted.sort_by(|&a, &b| {
        let (sa, ca) = mean[a];
        let (sb, cb) = mean[b];
        (sa * cb).cmp(&(sb * ca)).then_with(|| keys[a].cmp(keys[b]))
    });
    sorted
}

/// How many pairs of `edges` cross when the columns are in these orders.
pub fn crossings(left_order: &[usize], right_order: &[usize], edges: &[(usize, usize)]) -> usize {
    let place = |order: &[usize], n: usize| order.iter().position(|&x| x == n).unwrap_or(0);
    let placed: Vec<(usize, usize)> = edges
        .iter()
        .map(|&(l, r)| (place(left_order, l), place(right_order, r)))
        .collect();
    let mut count = 0;
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            if a.0.cmp(&b.0) == Ordering::Less && a.1 > b.1
                || a.0.cmp(&b.0) == Ordering::Greater && a.1 < b.1
            {
                count += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crossed_pair_is_uncrossed() {
        // a–y, b–x: drawn in the given order the two lines cross.
        let edges = [(0, 1), (1, 0)];
        assert_eq!(crossings(&[0, 1], &[0, 1], &edges), 1);
        let (l, r) = order(&["a", "b"], &["x", "y"], &edges);
        assert_eq!(crossings(&l, &r, &edges), 0);
    }

    #[test]
    fn crossings_drop_on_a_tangled_graph() {
        let left = ["a", "b", "c", "d", "e", "f"];
        let right = ["p", "q", "r", "s"];
        let edges = [(0, 3), (1, 2), (2, 1), (3, 0), (4, 3), (5, 0), (0, 2)];
        let before = crossings(&[0, 1, 2, 3, 4, 5], &[0, 1, 2, 3], &edges);
        let (l, r) = order(&left, &right, &edges);
        let after = crossings(&l, &r, &edges);
        assert!(after < before, "{after} crossings, {before} before");
        // Every node is placed once.
        let mut sorted = l.clone();
        sorted.sort();
        assert_eq!(sorted, [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn ties_go_to_the_key_whatever_the_input_order() {
        // Two left nodes with the same neighbour: their keys decide, not their indices.
        let (l, _) = order(&["b", "a"], &["x"], &[(0, 0), (1, 0)]);
        assert_eq!(l, [1, 0]);
        let (l, _) = order(&["a", "b"], &["x"], &[(0, 0), (1, 0)]);
        assert_eq!(l, [0, 1]);
    }
}
