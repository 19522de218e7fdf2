// Two small corpora for the ranking tests (English and Chinese), where the question uses a synonym that
// the target chunk never does: the target speaks only of the car (汽车), the question asks about the
// automobile (轿车). Other chunks use the synonym together with car-related words (engine, tyres,
// mechanic), each mixed with another topic (baking, gardening, cooking), so the synonym's meaning can be
// learnt from co-occurrence; and each topic has chunks of its own. Test data only.

export interface SynonymCase {
  chunks: string[];
  question: string;
  /** Index of the chunk that answers the question. */
  target: number;
}

export const ENGLISH_SYNONYM_CASE: SynonymCase = {
  chunks: [
    'The car mechanic at the garage checked the engine, the brakes and the tyres of the car.',
    'The automobile engine roared while we baked bread and cakes in the oven.',
    'An automobile with new tyres drove past the garden full of roses and tulips.',
    'The mechanic repaired the automobile brakes, then cooked pasta with tomato sauce.',
    'Bake the bread in a hot oven; cakes need flour, sugar and butter.',
    'The oven, the flour and the butter: baking bread and cakes at home.',
    'Plant roses and tulips in the garden; water the garden every morning.',
    'Tulips and roses grow in a sunny garden with good soil.',
    'Cook the pasta in salted water and stir in the tomato sauce.',
    'A tomato sauce for pasta: cook garlic and tomatoes slowly.',
  ],
  question: 'Where can I get my automobile fixed?',
  target: 0,
};

export const CHINESE_SYNONYM_CASE: SynonymCase = {
  chunks: [
    '修理工在车库里检查了汽车的发动机、刹车和轮胎。',
    '轿车的发动机轰鸣时，我们在烤箱里烤面包和蛋糕。',
    '换了新轮胎的轿车开过种满玫瑰和郁金香的花园。',
    '修理工修好了轿车的刹车，然后用番茄酱煮了意大利面。',
    '在热烤箱里烤面包，蛋糕需要面粉、白糖和黄油。',
    '烤箱、面粉和黄油：在家里烤面包和蛋糕。',
    '在花园里种玫瑰和郁金香，每天早上给花园浇水。',
    '郁金香和玫瑰生长在阳光充足、土壤肥沃的花园里。',
    '用盐水煮意大利面，再拌入番茄酱。',
    '意大利面的番茄酱：慢慢煮大蒜和番茄。',
  ],
  question: '轿车坏了去哪里修？',
  target: 0,
};
