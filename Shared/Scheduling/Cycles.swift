/// Graph helpers of the schedule-network check, on positions `0..<n` with successor lists.
enum Cycles {
    /// One knot of circles: a shortest circle through its first position, and all its positions.
    struct Cycle: Equatable {
        /// Positions in link order, starting at the component's lowest position.
        var path: [Int]
        /// The strongly connected component, ascending.
        var component: [Int]
    }

    /// Every strongly connected component with a circle (two or more positions, or one that links
    /// to itself), ordered by lowest position, each with a shortest circle through that position.
    static func find(successors: [[Int]]) -> [Cycle] {
        stronglyConnectedComponents(successors: successors)
            .filter { $0.count > 1 || successors[$0[0]].contains($0[0]) }
            .sorted { $0[0] < $1[0] }
            .map { component in Cycle(path: shortestCircle(through: component[0], within: Set(component), successors: successors),
                                      component: component) }
    }

    /// The positions in an order where every predecessor comes before its successors (Kahn's
    /// algorithm, lowest ready position first). Positions on circles are left out.
    static func topologicalOrder(successors: [[Int]]) -> [Int] {
        var incoming = Array(repeating: 0, count: successors.count)
        for targets in successors { for target in Set(targets) { incoming[target] += 1 } }
        var ready = incoming.indices.filter { incoming[$0] == 0 }
        var order: [Int] = []
        while !ready.isEmpty {
            let position = ready.removeFirst()
            order.append(position)
            for target in Set(successors[position]).sorted() {
                incoming[target] -= 1
                if incoming[target] == 0 { ready.append(target) }
            }
            ready.sort()
        }
        return order
    }

    /// Tarjan's algorithm; each component ascending.
    private static func stronglyConnectedComponents(successors: [[Int]]) -> [[Int]] {
        var index = Array(repeating: -1, count: successors.count)
        var lowLink = Array(repeating: 0, count: successors.count)
        var onStack = Array(repeating: false, count: successors.count)
        var stack: [Int] = []
        var next = 0
        var components: [[Int]] = []
        func visit(_ node: Int) {
            index[node] = next
            lowLink[node] = next
            next += 1
            stack.append(node)
            onStack[node] = true
            for target in successors[node] {
                if index[target] < 0 {
                    visit(target)
                    lowLink[node] = min(lowLink[node], lowLink[target])
                } else if onStack[target] {
                    lowLink[node] = min(lowLink[node], index[target])
                }
            }
            if lowLink[node] == index[node] {
                var component: [Int] = []
                while let top = stack.popLast() {
                    onStack[top] = false
                    component.append(top)
                    if top == node { break }
                }
                components.append(component.sorted())
            }
        }
        for node in successors.indices where index[node] < 0 { visit(node) }
        return components
    }

    /// A shortest circle from `start` back to it inside `component` (breadth-first search).
    private static func shortestCircle(through start: Int, within component: Set<Int>, successors: [[Int]]) -> [Int] {
        if successors[start].contains(start) { return [start] }
        var parent: [Int: Int] = [start: start]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for target in successors[node] where component.contains(target) {
                if target == start {
                    var path = [node]
                    while let last = path.last, last != start, let previous = parent[last] { path.append(previous) }
                    return path.reversed()
                }
                if parent[target] == nil {
                    parent[target] = node
                    queue.append(target)
                }
            }
        }
        return component.sorted()
    }
}
