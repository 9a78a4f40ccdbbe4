// The "Array core" block of shared/API.md, compiled unchanged, and checked against what
// NumPy computes for the same statements (tests/gen_api.py).
#include <ndgrad/core.h>
#include <cmath>
#include <iostream>

#include <filesystem>
#include <sstream>

#include "support/temp_dir.h"
#include "support/test_support.h"

namespace {

struct CoreBlockResults {
  std::string printed;
  nd::Array v, m, data, x, c, img8, f, back, photo;
  bool shared = false;
  std::map<std::string, nd::Array> z;
  nd::Array x_step, x_rev0, x_newaxis, x_ell1, x_fancy, x_mask;
  nd::Array reshaped, transposed, mT, expanded, squeezed, moved, swapped, bcast, tri, xv, yv;
};

// Runs the block as API.md prints it (between the markers), capturing std::cout.
CoreBlockResults run_core_block() {
  CoreBlockResults r;
  std::ostringstream captured;
  std::streambuf* old = std::cout.rdbuf(captured.rdbuf());
  {
    // ---- begin: shared/API.md, "Array core" ----
    // clang-format off
using nd::Slice; using nd::None; using nd::Ellipsis;

nd::Array v = nd::array({1, 2, 3});                    // np.array([1, 2, 3])
nd::Array m = nd::array({{1, 2, 3}, {2, 3, 4}});       // np.array([[1,2,3],[2,3,4]])
std::cout << nd::zeros({2, 3}) << "\n";                // print(np.zeros((2, 3)))
std::cout << nd::full({2, 2}, -INFINITY) << "\n";      // np.full((2, 2), -np.inf)
std::cout << nd::eye(5, 3) << "\n" << nd::eye(5, 5, 3) << "\n";  // np.eye(5, 3), np.eye(5, k=3)
std::cout << nd::arange(0, 10, 2) << "\n" << nd::linspace(0, 1, 5) << "\n";
nd::Array data = nd::arange(24).reshape({2, 3, 4});    // np.arange(24).reshape(2, 3, 4)
data.reshape({2, -1});                                 // reshape(2, -1)
data.transpose({0, 2, 1}); m.T();                      // np.transpose(data, (0,2,1)); m.T
nd::expand_dims(v, 0); nd::squeeze(nd::expand_dims(v, 1), 1);
nd::moveaxis(data, -1, 0); nd::swapaxes(data, 0, 1); nd::broadcast_to(v, {3, 3});
nd::tril(nd::ones({3, 3}));                            // np.tril(np.ones((3, 3)))
auto [xv, yv] = nd::meshgrid(nd::linspace(0, 1, 64), nd::linspace(0, 1, 64));  // variadic

nd::Array x = nd::array({{1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 7}});
x.index({Slice(1, 4, 2)});                             // x[1:4:2]
x.index({Slice(None, None, -1), 0});                   // x[::-1, 0]
x.index({Slice(), None});                              // x[:, None]
x.index({Ellipsis, 1});                                // x[..., 1]
x.index({nd::array({1, 3, 5}), nd::array({0, 1, 0})}); // x[[1,3,5], [0,1,0]]
x.index({nd::array({true, false, false, true, true, false})});   // boolean mask
    // clang-format on
    // (results captured for the checks below, before the writes change x)
    r.x_step = x.index({Slice(1, 4, 2)}).copy();
    r.x_rev0 = x.index({Slice(None, None, -1), 0}).copy();
    r.x_newaxis = x.index({Slice(), None}).copy();
    r.x_ell1 = x.index({Ellipsis, 1}).copy();
    r.x_fancy = x.index({nd::array({1, 3, 5}), nd::array({0, 1, 0})});
    r.x_mask = x.index({nd::array({true, false, false, true, true, false})});
    // clang-format off
x.index_put({Slice(), 0}, nd::array({-1, -2, -3, -4, -5, -6}));  // x[:, 0] = [...]
x.index_put({x > 4}, 0);                               // x[x > 4] = 0
nd::Array c = nd::ascontiguousarray(x.T());            // flags().c_contiguous == true
bool shared = nd::shares_memory(x, x.index({Slice(2, 5)}));      // views share
nd::Array img8 = nd::full({1, 64, 64, 3}, 250, nd::uint8);
nd::Array f = img8.astype(nd::float64) + 50;           // 300.0 (img8 + 50 wraps to 44)

nd::save("a.npy", x); nd::Array back = nd::load("a.npy");
nd::savez_compressed("model_data.npz", {{"weights", f}, {"images", img8}});
std::map<std::string, nd::Array> z = nd::load_npz("model_data.npz");
nd::Array photo = nd::imread("cat.png");               // uint8 (H, W, C) via stb_image
nd::imwrite("out.png", photo);
    // clang-format on
    // ---- end ----
    r.v = v, r.m = m, r.data = data, r.x = x, r.c = c, r.img8 = img8, r.f = f;
    r.back = back, r.photo = photo, r.shared = shared, r.z = z;
    r.reshaped = data.reshape({2, -1});
    r.transposed = data.transpose({0, 2, 1});
    r.mT = m.T();
    r.expanded = nd::expand_dims(v, 0);
    r.squeezed = nd::squeeze(nd::expand_dims(v, 1), 1);
    r.moved = nd::moveaxis(data, -1, 0);
    r.swapped = nd::swapaxes(data, 0, 1);
    r.bcast = nd::broadcast_to(v, {3, 3});
    r.tri = nd::tril(nd::ones({3, 3}));
    r.xv = xv, r.yv = yv;
  }
  std::cout.rdbuf(old);
  r.printed = captured.str();
  return r;
}

class ApiCoreBlock : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new nd_test::TempDir();
    dir_->enter();
    // The block reads "cat.png": a small RGB picture with distinct pixel values.
    nd::Array cat = nd::arange(4 * 5 * 3).reshape({4, 5, 3}).astype(nd::uint8);
    nd::imwrite("cat.png", cat);
    results_ = new CoreBlockResults(run_core_block());
    expected_ = new std::map<std::string, nd::Array>(
        nd::load_npz(nd_test::fixture_path("api/core_block.npz")));
  }
  static void TearDownTestSuite() {
    delete results_;
    delete expected_;
    delete dir_;
  }
  static const nd::Array& expected(const std::string& name) { return expected_->at(name); }

  static nd_test::TempDir* dir_;
  static CoreBlockResults* results_;
  static std::map<std::string, nd::Array>* expected_;
};
nd_test::TempDir* ApiCoreBlock::dir_ = nullptr;
CoreBlockResults* ApiCoreBlock::results_ = nullptr;
std::map<std::string, nd::Array>* ApiCoreBlock::expected_ = nullptr;

TEST_F(ApiCoreBlock, PrintsWhatNumPyPrints) {
  EXPECT_EQ(results_->printed,
            nd_test::read_text_file(nd_test::fixture_path("api/core_block_stdout.txt")));
}

TEST_F(ApiCoreBlock, CreationDefaultsFollowNumPy) {
  EXPECT_EQ(results_->v.dtype(), nd::int64);
  EXPECT_EQ(results_->v.shape(), nd::Shape({3}));
  EXPECT_EQ(results_->m.shape(), nd::Shape({2, 3}));
  EXPECT_EQ(results_->data.strides(), nd::Shape({96, 32, 8}));
}

TEST_F(ApiCoreBlock, ShapeOperationsAreViewsWithNumPyStrides) {
  const CoreBlockResults& r = *results_;
  EXPECT_EQ(r.reshaped.shape(), nd::Shape({2, 12}));
  EXPECT_TRUE(nd::shares_memory(r.reshaped, r.data));
  EXPECT_EQ(r.transposed.strides(), nd::Shape({96, 8, 32}));
  EXPECT_EQ(r.mT.shape(), nd::Shape({3, 2}));
  EXPECT_EQ(r.expanded.shape(), nd::Shape({1, 3}));
  EXPECT_EQ(r.squeezed.shape(), nd::Shape({3}));
  EXPECT_TRUE(nd_test::arrays_identical(r.moved, expected("moveaxis")));
  EXPECT_TRUE(nd_test::arrays_identical(r.swapped, expected("swapaxes")));
  EXPECT_TRUE(nd_test::arrays_identical(r.transposed, expected("transpose")));
  EXPECT_EQ(r.bcast.strides(), nd::Shape({0, 8}));
  EXPECT_FALSE(r.bcast.flags().writeable);
  EXPECT_TRUE(nd_test::arrays_identical(r.tri, expected("tril")));
  EXPECT_TRUE(nd_test::arrays_identical(r.xv, expected("xv")));
  EXPECT_TRUE(nd_test::arrays_identical(r.yv, expected("yv")));
}

TEST_F(ApiCoreBlock, IndexingMatchesNumPy) {
  const CoreBlockResults& r = *results_;
  for (auto [got, name] : {std::pair{r.x_step, "x_step"},
                           {r.x_rev0, "x_rev0"},
                           {r.x_newaxis, "x_newaxis"},
                           {r.x_ell1, "x_ell1"},
                           {r.x_fancy, "x_fancy"},
                           {r.x_mask, "x_mask"}})
    EXPECT_TRUE(nd_test::arrays_identical(got, expected(name))) << name;
  EXPECT_TRUE(nd_test::arrays_identical(r.x, expected("x_final")));
  EXPECT_TRUE(r.c.flags().c_contiguous);
  EXPECT_TRUE(nd_test::arrays_identical(r.c, nd::ascontiguousarray(r.x.T())));
  EXPECT_TRUE(r.shared);
}

TEST_F(ApiCoreBlock, CastingAndWeakScalars) {
  EXPECT_TRUE(nd_test::arrays_identical(results_->f, expected("f")));
  EXPECT_EQ(results_->f.index({0, 0, 0, 0}).item<double>(), 300.0);
  nd::Array wrapped = results_->img8 + 50;
  EXPECT_TRUE(nd_test::arrays_identical(wrapped, expected("wrapped")));
  EXPECT_EQ(wrapped.index({0, 0, 0, 0}).item<int>(), 44);
}

TEST_F(ApiCoreBlock, FilesRoundTrip) {
  const CoreBlockResults& r = *results_;
  EXPECT_TRUE(nd_test::arrays_identical(r.back, r.x));
  ASSERT_EQ(r.z.size(), 2u);
  EXPECT_TRUE(nd_test::arrays_identical(r.z.at("weights"), r.f));
  EXPECT_TRUE(nd_test::arrays_identical(r.z.at("images"), r.img8));
  nd::Array cat = nd::arange(4 * 5 * 3).reshape({4, 5, 3}).astype(nd::uint8);
  EXPECT_TRUE(nd_test::arrays_identical(r.photo, cat));
  EXPECT_TRUE(nd_test::arrays_identical(nd::imread("out.png"), cat));
}

}  // namespace
