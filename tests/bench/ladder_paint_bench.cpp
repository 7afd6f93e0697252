// SPDX-License-Identifier: Apache-2.0
// Paint cost of the ladder: a 10,000-row synthetic ladder painted into a 1400x900 viewport image at
// several scroll positions, as LadderView paints a frame (visible rows only). Target: below 8 ms a
// frame. Run by hand: ladder-paint-bench [--benchmark_filter=...].
#include "ladder_geometry.h"
#include "ladder_painter.h"
#include "ladder_style.h"
#include "render/synthetic_ladder.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <benchmark/benchmark.h>

#include <memory>

using namespace sipladder;

namespace {

constexpr std::size_t kRows = 10'000;
const QSize kViewport(1400, 900);

struct Scene {
    core::LadderLayout layout = synthetic::syntheticLadder(kRows, 3);
    render::LadderStyle style;
    render::LadderGeometry geometry { layout, style };
};

// Built on first use, after the application object; released before it goes.
std::unique_ptr<Scene>& sceneHolder()
{
    static std::unique_ptr<Scene> holder;
    return holder;
}

Scene& scene()
{
    if (!sceneHolder())
        sceneHolder() = std::make_unique<Scene>();
    return *sceneHolder();
}

render::PaintState stateAt(const render::LadderGeometry& geometry, double scrollFraction)
{
    render::PaintState state;
    state.viewport = QRectF(QPointF(0, 0), QSizeF(kViewport));
    const qreal maxScroll = std::max<qreal>(0, geometry.contentSize().height() - kViewport.height());
    state.scrollOffset = QPointF(0, std::round(maxScroll * scrollFraction));
    const auto first = geometry.visibleRows(state.viewport, state.scrollOffset).first;
    state.selectedRows = { first + 3 };
    state.hoveredRow = first + 5;
    return state;
}

// One frame as the view paints it: find the visible rows, paint them. Argument: scroll position in
// per mille of the ladder.
void paintFrame(benchmark::State& bench, qreal devicePixelRatio)
{
    Scene& s = scene();
    QImage image(kViewport * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    const render::PaintState state = stateAt(s.geometry, static_cast<double>(bench.range(0)) / 1000);
    const render::LadderPainter painter(s.geometry);
    std::size_t rows = 0;
    for (auto _ : bench) {
        QPainter p(&image);
        const render::RowRange range = s.geometry.visibleRows(state.viewport, state.scrollOffset);
        painter.paint(p, s.layout, range, s.style, state);
        rows = range.size();
    }
    bench.counters["rows_painted"] = static_cast<double>(rows);
}

void BM_PaintFrame(benchmark::State& bench)
{
    paintFrame(bench, 1.0);
}
BENCHMARK(BM_PaintFrame)->Arg(0)->Arg(250)->Arg(500)->Arg(750)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_PaintFrameHiDpi(benchmark::State& bench)
{
    paintFrame(bench, 2.0);
}
BENCHMARK(BM_PaintFrameHiDpi)->Arg(500)->Unit(benchmark::kMillisecond);

// Scrolling: every frame three rows further down, wrapping around, so text and positions change.
void BM_PaintScrolling(benchmark::State& bench)
{
    Scene& s = scene();
    QImage image(kViewport, QImage::Format_ARGB32_Premultiplied);
    render::PaintState state = stateAt(s.geometry, 0);
    const qreal maxScroll = s.geometry.contentSize().height() - kViewport.height();
    const render::LadderPainter painter(s.geometry);
    for (auto _ : bench) {
        state.scrollOffset.ry() += 3 * s.geometry.rowHeight();
        if (state.scrollOffset.y() > maxScroll)
            state.scrollOffset.setY(0);
        QPainter p(&image);
        painter.paint(p, s.layout, s.geometry.visibleRows(state.viewport, state.scrollOffset), s.style, state);
    }
}
BENCHMARK(BM_PaintScrolling)->Unit(benchmark::kMillisecond);

// The paint call handed all 10,000 rows instead of the visible ones (clipping still limits the
// pixels): what culling saves.
void BM_PaintAllRowsUnculled(benchmark::State& bench)
{
    Scene& s = scene();
    QImage image(kViewport, QImage::Format_ARGB32_Premultiplied);
    const render::PaintState state = stateAt(s.geometry, 0.5);
    const render::LadderPainter painter(s.geometry);
    for (auto _ : bench) {
        QPainter p(&image);
        painter.paint(p, s.layout, render::RowRange { 0, kRows }, s.style, state);
    }
}
BENCHMARK(BM_PaintAllRowsUnculled)->Unit(benchmark::kMillisecond);

// Done once per model reset or font change, not per frame: measuring the distinct labels.
void BM_GeometryBuild(benchmark::State& bench)
{
    Scene& s = scene();
    for (auto _ : bench) {
        render::LadderGeometry geometry(s.layout, s.style);
        benchmark::DoNotOptimize(geometry);
    }
}
BENCHMARK(BM_GeometryBuild)->Unit(benchmark::kMillisecond);

void BM_Zoom(benchmark::State& bench)
{
    Scene& s = scene();
    qreal zoom = 1.0;
    for (auto _ : bench) {
        zoom = zoom > 3 ? 0.5 : zoom * 1.25;
        render::LadderGeometry geometry = s.geometry.zoomed(zoom);
        benchmark::DoNotOptimize(geometry);
    }
}
BENCHMARK(BM_Zoom);

} // namespace

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    sceneHolder().reset();
    return 0;
}
